// The meter application: the composition root that turns measuring intervals into the registers a
// meter bills with. It owns the RTC and the activity calendar (which tariff is in force), the
// energy registers by tariff, demand and maximum demand, excess power, transformer losses and the
// billing periods, and names every register by OBIS code.
//
//   IntervalValues (a metrology window, or a fast-mode tick)
//     -> Rtc: UTC and local time of the interval          -> ActivityCalendar + TariffSelector
//     -> TariffEnergyRegisters (T1..T6, total = sum)       -> DemandEngine (average, max, excess)
//     -> TransformerLosses                                  -> billing schedule -> BillingProfile
//
// An interval belongs to the tariff in force at its start; with 10/12-cycle windows a tariff switch
// is therefore placed within one window (~200 ms), and exactly on fast-mode ticks aligned to the
// minute. A scheduled billing reset happens before the first interval that starts at or after its
// instant, so the snapshot holds exactly the energy before it (same resolution).
//
// Contract: construct once (allocates the billing ring); on_interval() and the commands never
// allocate. Every command returns a Status.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "core/clock/activity_calendar.h"
#include "core/clock/default_calendars.h"
#include "core/clock/rtc.h"
#include "core/clock/special_days.h"
#include "core/clock/tariff_schedule.h"
#include "core/clock/tariff_selector.h"
#include "core/common/status.h"
#include "core/meter/backup_battery.h"
#include "core/meter/billing_profile.h"
#include "core/meter/display_lists.h"
#include "core/meter/interval_values.h"
#include "core/meter/monitoring.h"
#include "core/meter/quality_profiles.h"
#include "core/meter/pulse_input.h"
#include "core/meter/relays.h"
#include "core/common/obis.h"
#include "core/common/register_value.h"
#include "core/meter/tariff_energy_registers.h"
#include "core/quality/quality_event.h"
#include "core/quality/quality_monitor.h"
#include "core/recording/default_load_profiles.h"
#include "core/recording/event_recorder.h"
#include "core/recording/load_profile.h"
#include "core/registers/demand_engine.h"
#include "core/registers/transformer_losses.h"

namespace quadra::meter {

struct BillingSettings {
  // Capture list of the billing profile (up to 50 objects); empty captures nothing (use
  // default_billing_settings() for the meter's default list).
  std::array<Obis, kMaxBillingCaptures> capture_list{};
  std::size_t capture_count = 0;
  std::size_t entries = 15;
  // End of period by schedule at this local time of every month; day_of_month 0 disables it.
  int day_of_month = 1;  // 1..28
  int hour = 0;
  int minute = 0;
};

// The daily billing profile 0.0.98.2.0.255 ("data of billing period scheme 2"): a snapshot of the
// capture list at every local midnight (the time zone's, DST included), FIFO. It ends no billing
// period: no maximum demand is reset, the monthly counter 0.0.0.1.0 does not move.
struct DailyBillingSettings {
  std::array<Obis, kMaxBillingCaptures> capture_list{};
  std::size_t capture_count = 0;
  std::size_t entries = 40;  // days
};

// The main energy registers: +A, -A, +R, -R, Q1..Q4, +S, -S totals and +A, -A by tariff T1..T4
// (18 objects), 40 days.
inline DailyBillingSettings default_daily_billing_settings() {
  DailyBillingSettings d;
  std::size_t n = 0;
  for (std::uint8_t c = 1; c <= 10; ++c) d.capture_list[n++] = Obis(1, 0, c, 8, 0);
  for (std::uint8_t c = 1; c <= 2; ++c) {
    for (std::uint8_t t = 1; t <= 4; ++t) d.capture_list[n++] = Obis(1, 0, c, 8, t);
  }
  d.capture_count = n;
  return d;
}

// Resolution of the registers as COSEM declares it (scaler: raw integer = value / 10^scaler) and
// as readouts show it: energies are truncated to it (a billing register never shows energy not yet
// registered), powers and other values rounded. 0 = Wh / W, 3 = kWh / kW.
struct Resolution {
  std::int8_t energy_scaler = 0;  // -3..6
  std::int8_t power_scaler = 0;   // -3..6
};

// value at the given scaler for a readout: truncated (energy) or rounded (other) to 10^scaler.
double readout_value(double value, std::int8_t scaler, bool truncate);

struct MeterSettings {
  clock::RtcConfig rtc;
  Resolution resolution;
  clock::BuiltInProgram program = clock::BuiltInProgram::kFourZoneIndustrial;
  clock::TariffInputConfig tariff_input;
  registers::DemandConfig demand;
  bool losses_enabled = false;
  registers::TransformerLossConfig losses;
  BillingSettings billing;
  DailyBillingSettings daily_billing = default_daily_billing_settings();
  recording::EventRecorderConfig events;
  std::array<recording::LoadProfileConfig, 2> load_profiles{recording::default_load_profile_1(),
                                                            recording::default_load_profile_2()};
  // The power-quality monitor on the sample path (declared voltage, current and frequency are the
  // meter's; set by the host from the metrology configuration).
  quality::QualityConfig quality;
  // Register monitor 1, alarm monitor 1 and the limiter as they start (monitoring.h); the
  // limiter's threshold_normal starts at quality.demand_limit.
  MonitoringSettings monitoring;
  // The nameplate as registers show it: 1.0.0.3.0 meter constant of the test LED (imp/kWh, 0: none),
  // 1.0.0.4.2 / 1.0.0.4.3 CT and VT ratios. Set by the host from the metrology configuration.
  struct Nameplate {
    double meter_constant_imp_per_kwh = 0.0;
    double ct_ratio = 1.0;
    double vt_ratio = 1.0;
  } nameplate;
  // The disconnector's (relay 1) control mode as it starts, 0..6 (relays.h); 1: a client may
  // disconnect and reconnect directly, the meter may disconnect locally.
  std::uint8_t disconnect_control_mode = 1;
  // The output control single action schedule 0.0.15.0.3.255: every day at hour:minute local time
  // the meter runs script `script` (1..4) of the set output signals table 0.0.10.0.103.255 itself
  // (relay 1 takes the local transitions). enabled false: no schedule.
  struct OutputSchedule {
    std::uint16_t script = 1;
    bool enabled = false;
    int hour = 0;
    int minute = 0;
  } output_schedule;
  // The display lists as they start (display_lists.h); the store's win once a client wrote one.
  DisplayLists display = default_display_lists();
  // The pulse input of an external meter (pulse_input.h) and the RTC back-up battery
  // (backup_battery.h).
  PulseInputSettings pulse_input;
  BatterySettings battery;
};

// +A, -A, +R, -R, Q1..Q4, +S, -S totals and their T1..T4 for +A and -A, maximum demand +P total
// and T1..T4, cumulative maximum demand +P, and the total OLA and NLA losses: 35 objects.
BillingSettings default_billing_settings();

class Meter {
 public:
  static Status validate(const MeterSettings& settings);
  // Precondition: validate(settings).is_ok().
  explicit Meter(const MeterSettings& settings);

  // One measuring interval. Intervals come in time order and do not overlap.
  void on_interval(const IntervalValues& interval);

  // The sample path: a metrology window (an interval, and the power-quality checks on windows),
  // the half cycles and the 10 s frequency (the power-quality checks on Urms(1/2) and frequency).
  // Fast mode calls on_interval() alone and has no power-quality events.
  void on_window(const metrology::WindowValues& window);
  void on_half_cycle(const metrology::HalfCycleValues& half_cycle);
  void on_frequency_10s(const metrology::TenSecondFrequency& frequency);

  // The fraud inputs (terminal cover, meter case, magnetic field) at meter time now_s.
  void set_fraud_input(quality::Input input, bool active, double now_s);

  // End of billing period by command, digital input or service button, at meter time now_s.
  const BillingEntry& billing_reset(double now_s, BillingTrigger trigger);

  // Clock operations (the COSEM Clock's methods, the synchronisation input). Each moves the RTC,
  // closes the running demand period at the old time (flagged) and re-plans the billing schedule;
  // the returned change (old and new time) is what logs and profiles record.
  clock::ClockResult set_clock(double now_s, clock::UtcMicros new_utc_us);
  clock::ClockResult shift_clock(double now_s, std::int32_t seconds);
  clock::ClockResult adjust_clock_to_quarter(double now_s);
  clock::ClockResult adjust_clock_to_minute(double now_s);
  // To the nearest boundary of the demand registers' measuring period.
  clock::ClockResult adjust_clock_to_measuring_period(double now_s);
  // Remembers a preset time and its validity interval (changes nothing yet); adjust_clock_to_
  // preset_time() then sets it if the clock lies within the interval (else kOutOfRange).
  Status preset_clock_adjusting_time(const clock::CosemDateTime& preset, const clock::CosemDateTime& validity_start,
                                     const clock::CosemDateTime& validity_end);
  clock::ClockResult adjust_clock_to_preset_time(double now_s);
  clock::ClockResult sync_pulse(double now_s);

  // The tariff control input (digital input 1); takes effect with the next interval. A change
  // is logged in the configuration and inputs log (codes 233/234).
  void set_tariff_input(bool active, double now_s);
  // Digital input 2 (billing reset input) changed state: logged (235/236); the caller closes the
  // billing period on activation with billing_reset(.., kDigitalInput).
  void digital_input_2(bool active, double now_s);

  // The meter's parameters were changed (IDIS event 47 in the configuration log); context[0] names
  // the object (log_group.h obis_to_context), 0 for the whole configuration at once.
  void parameters_changed(double object_context, double now_s);

  // An event from outside the meter application (the DLMS server's association and security
  // events): recorded in log `group` at meter time now_s with its context values.
  void record_event(recording::LogGroup group, std::uint16_t code, double now_s, double context0 = 0.0,
                    double context1 = 0.0) {
    events_.record(group, code, utc_of(now_s), context0, context1);
  }

  // The COSEM reset of an event log (the log's row 255 and the communication log's row 230).
  void clear_log(recording::LogGroup group, double now_s);

  // A save to the non-volatile store failed: logs the non-volatile memory error (standard log,
  // code 14) once per failing stretch and sets bit 0 of the error register; nv_ok() after a save
  // that works ends the stretch (the error register keeps the bit until cleared).
  void nv_failed(double now_s);
  void nv_ok() { nv_failing_ = false; }
  // The error register 0.0.97.97.0.255 (bit 0: non-volatile memory error). clear_errors() is
  // the head end's reset (logged as event 10).
  std::uint32_t error_register() const { return error_register_; }
  void clear_errors(std::uint32_t mask, double now_s);
  // The head end's reset of the alarm register 0.0.97.98.0.255: clears the bits of `mask`
  // (logged as event 11); an event that maps to a cleared bit raises and notifies it again.
  void clear_alarms(std::uint32_t mask, double now_s) { events_.clear_alarms(mask, utc_of(now_s)); }

  // The tariff program over DLMS: the activity calendar (0.0.13.0.0), the special days (0.0.11.0.0),
  // the tariffication scripts (0.0.10.0.100) and the end of billing period schedule (0.0.15.0.0).
  // Each change is checked whole (a refusal changes nothing and says why), logged as event 47 with
  // the object's OBIS code, takes effect from the next interval, and is kept in the snapshot: once
  // changed this way, the store's program wins over the configured one at start-up.
  const clock::ActivityCalendar& calendar() const { return calendar_; }
  const clock::SpecialDaysTable& special_days() const { return special_days_; }
  const BillingSettings& billing_settings() const { return settings_.billing; }
  // Attributes 6..9 as a whole (each table checked on its own, references on activation).
  Status set_passive_calendar(const clock::CalendarSet& passive, double now_s);
  Status set_calendar_activation_time(const clock::CosemDateTime& when, double now_s);
  // Method 1: the whole passive set checked, then active at once (also logged as event 9).
  Status activate_passive_calendar(double now_s);
  // A special day's day_id must name a day profile of the active or the passive set.
  Status insert_special_day(const clock::SpecialDay& day, double now_s);
  Status delete_special_day(std::uint16_t index, double now_s);
  // Script n (1..6) of the tariffication table: tariff n from now until the calendar's next
  // boundary (its next switch, midnight, season start or DST jump), where the calendar takes over.
  // Not a parameter change: not logged as event 47.
  Status execute_tariff_script(std::uint16_t script, double now_s);
  // The monthly end of billing period: day 1..28 at hour:minute local time, or day 0 = none.
  Status set_billing_schedule(int day_of_month, int hour, int minute, double now_s);

  // Where alarms that pass the alarm filter go (the DLMS push; the host's log until then).
  void set_notifier(recording::Notifier* notifier) { events_.set_notifier(notifier); }

  // Writable parameters, register monitors and limiter (monitoring.h, meter_parameters.h). Each
  // setter checks its input (kInvalidArgument names the rule; nothing changes then), applies it
  // from the next interval on and counts a configuration change (parameters_changed with the
  // object). Monitor and limiter actions run scripts: the billing reset script 0.0.10.0.1.255
  // (selector 1) by the meter itself, any other through the ScriptRunner if one is set.
  Status set_parameter(const Obis& obis, double value, double now_s);
  Status set_register_monitor(std::size_t k, const RegisterMonitor::Config& config, double now_s);
  Status set_limiter(const Limiter::Config& config, double now_s);
  const MeterParameters& parameters() const { return params_; }
  const RegisterMonitor& register_monitor(std::size_t k) const { return monitors_[k]; }
  const Limiter& limiter() const { return limiter_; }
  void set_script_runner(ScriptRunner* runner) { script_runner_ = runner; }
  // 0.0.96.2.0 / 0.0.96.2.1: configuration changes counted, UTC of the last one (0: none).
  std::uint32_t configuration_changes() const { return config_changes_; }
  double last_configuration_change_utc() const { return last_config_change_utc_; }
  // 0.0.96.20.0 / 5 / 15: meter case, terminal cover and strong magnetic field detections.
  std::uint32_t tamper_count(quality::Input input) const { return tamper_counts_[static_cast<std::size_t>(input)]; }

  // The two relay outputs (relays.h). Relay 1, the disconnector, moves only by the Blue Book
  // transitions its control mode allows; relay 2 by the output control scripts. Every change is
  // logged in the limits and outputs log (relay 1 with the IDIS codes 59..64 and 69, relay 2 with
  // 244..247; context[0] the relay number) and kept in the snapshot.
  const Relays& relays() const { return relays_; }
  Relays::Outcome disconnector(Relays::Request request, double now_s);
  // 0..6, else kInvalidArgument; a change counts as a configuration change.
  Status set_disconnect_control_mode(std::uint8_t mode, double now_s);
  // Script n of the set output signals script table 0.0.10.0.103.255: 1 disconnect relay 1, 2
  // reconnect relay 1, 3 close relay 2, 4 open relay 2. Run by a client (who = kRemote) relay 1
  // takes the remote transitions; run by the meter itself (kLocal: a monitor, the limiter, the
  // output control schedule) the local ones. kOutOfRange for another script; kNotSupported when
  // relay 1's control mode refuses the transition (nothing changes then).
  Status run_output_script(std::uint16_t script, Relays::Source who, double now_s);
  // The output control schedule (MeterSettings::OutputSchedule): script 1..4, hour 0..23, minute
  // 0..59 (kInvalidArgument otherwise, nothing changed); logged as event 47 with 0.0.15.0.3.255
  // and kept in the snapshot, where it then wins over the configured one.
  const MeterSettings::OutputSchedule& output_schedule() const { return settings_.output_schedule; }
  Status set_output_schedule(const MeterSettings::OutputSchedule& schedule, double now_s);
  // UTC of the next scheduled output script (0 when the schedule is off).
  double next_output_utc_s() const { return next_output_utc_; }

  // The display lists (display_lists.h). set_display_list() replaces list k (0..2) by items
  // (at most kMaxDisplayItems, else kCapacity; the caller checks that each names an object), logs
  // event 47 with the list's readout object and keeps it in the snapshot, where it then wins over
  // the configured list.
  std::span<const Obis> display_list(std::size_t k) const { return display_.list(k); }
  Status set_display_list(std::size_t k, std::span<const Obis> items, double now_s);

  // The pulse input (1.0.82.8.0 counter, 1.0.0.7.5 constant): n pulses arrived from the external
  // meter. Ignored when the input is not configured.
  void count_pulses(std::uint64_t n) {
    if (settings_.pulse_input.enabled) pulse_input_.count(n);
  }
  const PulseInput& pulse_input() const { return pulse_input_; }
  // The RTC back-up battery, drained by resume_after_outage().
  const BackupBattery& battery() const { return battery_; }

  // Any register by OBIS code; false if the meter has no such register.
  bool read(const Obis& obis, RegisterValue& out) const;
  // Calls f(const Obis&, const RegisterValue&) for every register, in a fixed order.
  template <typename F>
  void for_each_register(F&& f) const;

  const clock::Rtc& rtc() const { return rtc_; }
  clock::Rtc& rtc() { return rtc_; }
  unsigned tariff() const { return tariff_; }
  clock::TariffSource tariff_source() const { return tariff_source_; }
  double meter_time_s() const { return now_s_; }
  // The last interval the meter took (its instantaneous values).
  const IntervalValues& last_interval() const { return last_; }
  const TariffEnergyRegisters& energy() const { return energy_; }
  const registers::DemandEngine& demand() const { return demand_; }
  const std::optional<registers::TransformerLosses>& losses() const { return losses_; }
  const BillingProfile& billing() const { return billing_; }
  // The daily billing profile 0.0.98.2.0.255 and UTC of its next capture (the next local midnight).
  const BillingProfile& daily_billing() const { return daily_; }
  double next_daily_utc_s() const { return next_daily_utc_; }
  // The power-quality profiles 1.0.99.10.1..3, 1.0.99.13.0, 1.0.99.14.0 (quality_profiles.h).
  const QualityProfiles& quality_profiles() const { return pq_; }
  const recording::EventRecorder& events() const { return events_; }
  // k = 0, 1: load profiles 1.0.99.1.0 and 1.0.99.2.0; 2, 3: the periodic power-quality profiles
  // 1.0.99.13.0 (voltage unbalance) and 1.0.99.14.0 (power quality).
  static constexpr std::size_t kPeriodicProfiles = 4;
  const recording::LoadProfile& load_profile(std::size_t k) const {
    return k == 0 ? profile1_ : (k == 1 ? profile2_ : pq_.periodic(k - 2));
  }
  const quality::QualityMonitor& quality() const { return monitor_; }
  // UTC of the next scheduled end of billing period (0 when the schedule is off).
  double next_billing_utc_s() const { return next_billing_utc_; }
  // The first meter time after now_s at which the meter's state changes by itself: the end of
  // the demand sub-period, a tariff switch, a DST jump or a scheduled billing reset. Fast mode
  // makes its ticks end there, so that no tick straddles one of them.
  double next_boundary_s(double now_s) const;

  // Power returned after the meter was off for outage_s seconds (a restart from the store after a
  // power loss or a kill): the meter time moves on by outage_s, the standard log gets power down
  // (at the last time known) and power up (with the duration), the power failure log counts the
  // outage (a row if it was long), and the load profiles fill the instants missed, flagged power
  // down. Precondition: outage_s >= 0.
  void resume_after_outage(double outage_s);

  // True once after the power-quality monitor saw the power go down (the energy store of a real
  // meter lasts a few hundred milliseconds), or after request_save(): the moment to save the state
  // at once.
  bool take_save_request() {
    const bool r = save_requested_;
    save_requested_ = false;
    return r;
  }

  // Asks for a save at once rather than at the end of the persistence interval: for an event that
  // must not be lost to a power cut just after it (a firmware image verified or activated).
  void request_save() { save_requested_ = true; }

  // The persistent state (core/storage/state_archive.h): everything but the rows of the event logs
  // and load profiles, which the store keeps row by row (meter_store.h). Configuration is not part
  // of it: a meter is restored into one constructed from the same settings; but the tariff program
  // (calendar, special days, billing schedule) is, and replaces the configured one once changed
  // over DLMS.
  template <class Archive>
  void persist(Archive& a);
  // Its sections, in order (MeterStore reads older formats by them): a format 1 snapshot holds
  // persist_core() alone; format 3 adds the parameters, monitors, limiter and tamper counters,
  // then the tariff program.
  template <class Archive>
  void persist_core(Archive& a);
  template <class Archive>
  void persist_parameters(Archive& a);
  template <class Archive>
  void persist_program(Archive& a);
  // Format 4 adds the relay outputs and their schedule.
  template <class Archive>
  void persist_outputs(Archive& a);
  // Format 5 adds the power-quality profiles' registers and the daily billing schedule (their
  // rows are the store's, row by row).
  template <class Archive>
  void persist_quality(Archive& a);
  // Format 6 adds the display lists, the pulse counter and the back-up battery.
  template <class Archive>
  void persist_devices(Archive& a);

 private:
  void install_configured_program();
  clock::CalendarState calendar_state(clock::UtcSeconds utc) const;
  void tariff_program_changed(const Obis& object, double now_s);
  friend class MeterStore;
  void schedule_next_billing(double after_utc_s);
  void schedule_next_daily(double after_utc_s);
  bool capture_register(const Obis& o, CapturedValue& out) const;
  clock::ClockResult after_clock_change(clock::ClockResult result);
  void close_billing(double utc_s, BillingTrigger trigger);
  void capture_profiles(double utc_s);
  void record_quality_event(const quality::QualityEvent& e);
  clock::UtcSeconds utc_of(double meter_s) const {
    return static_cast<clock::UtcSeconds>(std::floor(static_cast<double>(rtc_.utc_us(meter_s)) * 1e-6));
  }

  // Forwards the monitor's events into the logs.
  struct QualityToLogs : quality::EventSink {
    Meter* meter = nullptr;
    void on_event(const quality::QualityEvent& e) override { meter->record_quality_event(e); }
  };
  unsigned select_tariff(double utc_s) const;
  void init_parameters();
  Status apply_parameters(const MeterParameters& p, bool commit);
  void evaluate_monitors();
  void run_action(const ActionItem& action);
  bool read_monitored(const ValueDefinition& d, double& value) const;
  bool read_state(const Obis& obis, RegisterValue& out) const;  // parameters, counters, states

  MeterSettings settings_;
  clock::Rtc rtc_;
  clock::ActivityCalendar calendar_;
  clock::SpecialDaysTable special_days_;
  clock::TariffSelector selector_;
  TariffEnergyRegisters energy_;
  registers::DemandEngine demand_;
  std::optional<registers::TransformerLosses> losses_;
  BillingProfile billing_;
  BillingProfile daily_;
  double next_daily_utc_ = 0.0;
  QualityProfiles pq_;
  recording::EventRecorder events_;
  recording::LoadProfile profile1_;
  recording::LoadProfile profile2_;
  QualityToLogs quality_to_logs_;
  quality::QualityMonitor monitor_;
  std::uint8_t profile_flags_ = 0;  // AMR status bits waiting for the next capture
  IntervalValues last_{};
  double now_s_ = 0.0;
  double next_billing_utc_ = 0.0;
  unsigned tariff_ = 1;
  std::uint16_t script_tariff_ = 0;  // a tariffication script's tariff, 0: none
  clock::UtcSeconds script_tariff_until_ = 0;
  bool program_from_dlms_ = false;   // the calendar or special days were changed over DLMS
  bool schedule_from_dlms_ = false;  // the billing schedule was
  clock::TariffSource tariff_source_ = clock::TariffSource::kFallback;
  bool tariff_input_active_ = false;
  bool save_requested_ = false;
  bool input2_active_ = false;
  bool nv_failing_ = false;
  std::uint32_t error_register_ = 0;
  MeterParameters params_;
  std::array<RegisterMonitor, kRegisterMonitorCount> monitors_{};
  Limiter limiter_;
  ScriptRunner* script_runner_ = nullptr;
  std::uint32_t config_changes_ = 0;
  double last_config_change_utc_ = 0.0;
  std::array<std::uint32_t, quality::kInputCount> tamper_counts_{};
  std::array<double, 6> last_sag_swell_v_{};  // magnitude of the last dip L1..L3, then swell L1..L3
  Relays relays_;
  bool output_schedule_from_dlms_ = false;
  double next_output_utc_ = 0.0;
  DisplayLists display_;
  bool display_from_dlms_ = false;
  PulseInput pulse_input_;
  BackupBattery battery_;
  void schedule_next_output(double after_utc_s);
};

template <class Archive>
void Meter::persist_outputs(Archive& a) {
  MeterSettings::OutputSchedule o = settings_.output_schedule;
  a(relays_)(output_schedule_from_dlms_)(o.script)(o.enabled)(o.hour)(o.minute)(next_output_utc_);
  a.check(o.script >= 1 && o.script <= 4 && o.hour >= 0 && o.hour <= 23 && o.minute >= 0 && o.minute <= 59,
          "the output control schedule is out of range");
  if constexpr (Archive::kLoading) {
    if (output_schedule_from_dlms_) settings_.output_schedule = o;
    else schedule_next_output(static_cast<double>(utc_of(now_s_)));  // as configured now
  }
}

template <class Archive>
void Meter::persist_quality(Archive& a) {
  a(pq_)(next_daily_utc_);
}

template <class Archive>
void Meter::persist_devices(Archive& a) {
  DisplayLists d = display_;
  a(display_from_dlms_)(d)(pulse_input_)(battery_);
  if constexpr (Archive::kLoading) {
    if (display_from_dlms_) display_ = d;  // else as configured now
  }
}

template <class Archive>
void Meter::persist(Archive& a) {
  persist_core(a);
  persist_parameters(a);
  persist_program(a);
  persist_outputs(a);
  persist_quality(a);
  persist_devices(a);
}

template <class Archive>
void Meter::persist_program(Archive& a) {
  a(program_from_dlms_)(calendar_)(special_days_)(script_tariff_)(script_tariff_until_)(schedule_from_dlms_);
  BillingSettings& b = settings_.billing;
  int day = b.day_of_month, hour = b.hour, minute = b.minute;
  a(day)(hour)(minute);
  a.check(script_tariff_ <= kTariffCount, "a tariffication script's tariff is not 0..6");
  a.check(day >= 0 && day <= 28 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59,
          "the billing schedule is out of range");
  if constexpr (Archive::kLoading) {
    // What was never changed over DLMS stays as configured (the configuration may be new).
    if (!program_from_dlms_) install_configured_program();
    if (schedule_from_dlms_) {
      b.day_of_month = day;
      b.hour = hour;
      b.minute = minute;
    }
  }
}

template <class Archive>
void Meter::persist_core(Archive& a) {
  a(rtc_)(energy_)(demand_);
  bool losses = losses_.has_value();
  a(losses);
  a.check(losses == losses_.has_value(), "transformer losses are on in the store and off in the configuration, or the reverse");
  if (losses && losses_) a(*losses_);
  a(billing_)(events_)(monitor_)(profile_flags_)(now_s_)(next_billing_utc_)(tariff_)(tariff_source_)(tariff_input_active_)
   (input2_active_)(error_register_);
  a.check(tariff_ >= 1 && tariff_ <= kTariffCount, "the tariff in force is not 1..6");
}

template <class Archive>
void Meter::persist_parameters(Archive& a) {
  a(params_)(monitors_)(limiter_)(config_changes_)(last_config_change_utc_)(tamper_counts_)(last_sag_swell_v_);
  if constexpr (Archive::kLoading) a.check(apply_parameters(params_, true).is_ok(), "the stored parameters fail their checks");
}

// The registers for_each_register() visits, in order: energies (every quantity of every element,
// total and T1..T6), demand (current, last, maximum and cumulative per tariff), excess power,
// losses and loss-compensated energies (1.0.C.8.128), instantaneous values of the last interval
// (total and per phase), the billing counter.
template <typename F>
void Meter::for_each_register(F&& f) const {
  RegisterValue v;
  auto visit = [&](const Obis& o) {
    if (read(o, v)) f(o, v);
  };
  for (std::size_t e : std::array<std::size_t, 4>{3u, 0u, 1u, 2u}) {
    for (std::size_t q = 0; q < metrology::kEnergyQuantityCount; ++q) {
      for (unsigned t = 0; t <= kTariffCount; ++t)
        visit(energy_obis(static_cast<metrology::EnergyQuantity>(q), static_cast<metrology::Element>(e), t));
    }
  }
  for (std::uint8_t c : std::array<std::uint8_t, 6>{1, 2, 3, 4, 9, 10}) {
    visit(Obis(1, 0, c, 4, 0));
    visit(Obis(1, 0, c, 5, 0));
    for (std::uint8_t t = 0; t <= kTariffCount; ++t) visit(Obis(1, 0, c, 6, t));
    for (std::uint8_t t = 0; t <= kTariffCount; ++t) visit(Obis(1, 0, c, 2, t));
  }
  for (std::uint8_t t = 0; t <= kTariffCount; ++t) {
    for (std::uint8_t d : std::array<std::uint8_t, 4>{35, 36, 37, 38}) visit(Obis(1, 0, 1, d, t));
    visit(Obis(1, 0, 1, 38, static_cast<std::uint8_t>(128 + t)));
  }
  constexpr std::array<std::uint8_t, 12> kLossE{1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14, 15};
  for (std::uint8_t e : kLossE) visit(Obis(1, 0, 83, 8, e));
  for (std::uint8_t e : std::array<std::uint8_t, 6>{49, 50, 69, 70, 89, 90}) visit(Obis(1, 0, 83, 8, e));
  for (std::uint8_t phase = 0; phase < 3; ++phase) {
    for (std::uint8_t e : kLossE) visit(Obis(1, 0, 83, 8, static_cast<std::uint8_t>(128 + 16 * phase + e)));
  }
  visit(Obis(1, 0, 88, 8, 0));
  visit(Obis(1, 0, 89, 8, 0));
  for (std::uint8_t c : std::array<std::uint8_t, 4>{1, 2, 3, 4}) visit(Obis(1, 0, c, 8, 128));
  for (std::uint8_t c : std::array<std::uint8_t, 7>{32, 52, 72, 31, 51, 71, 14}) visit(Obis(1, 0, c, 7, 0));
  for (std::uint8_t group : std::array<std::uint8_t, 4>{0, 20, 40, 60}) {
    for (std::uint8_t c : std::array<std::uint8_t, 6>{1, 2, 3, 4, 9, 10}) visit(Obis(1, 0, static_cast<std::uint8_t>(c + group), 7, 0));
  }
  visit(Obis(0, 0, 0, 1, 0));
  visit(Obis(0, 0, 97, 97, 0));
}

}  // namespace quadra::meter
