#include "core/meter/meter.h"

#include "core/recording/event_codes.h"
#include "core/recording/log_group.h"

#include <algorithm>
#include <cmath>

namespace quadra::meter {
namespace {

using metrology::Element;
using metrology::EnergyQuantity;
using registers::DemandQuantity;

constexpr double kMicro = 1e-6;

std::optional<DemandQuantity> demand_quantity_of(std::uint8_t c) {
  switch (c) {
    case 1: return DemandQuantity::kActiveImport;
    case 2: return DemandQuantity::kActiveExport;
    case 3: return DemandQuantity::kReactiveImport;
    case 4: return DemandQuantity::kReactiveExport;
    case 9: return DemandQuantity::kApparentImport;
    case 10: return DemandQuantity::kApparentExport;
    default: return std::nullopt;
  }
}

Unit power_unit(std::uint8_t c) { return c == 3 || c == 4 ? Unit::kvar : (c == 9 || c == 10 ? Unit::kVA : Unit::kW); }
Unit energy_unit(EnergyQuantity q) {
  const std::size_t k = metrology::index(q);
  return k < 2 ? Unit::kWh : (k < 8 ? Unit::kvarh : Unit::kVAh);
}

RegisterValue make(double value, Unit unit, std::int8_t scaler = 0) {
  RegisterValue v;
  v.value = value;
  v.unit = unit;
  v.scaler = scaler;
  return v;
}

}  // namespace

double readout_value(double value, std::int8_t scaler, bool truncate) {
  const double step = std::pow(10.0, scaler);
  const double units = value / step;
  // A hair of tolerance so that 2.9999999999 Wh of an exact 3 Wh does not read 2.
  return (truncate ? std::floor(units + 1e-9) : std::round(units)) * step;
}

BillingSettings default_billing_settings() {
  BillingSettings b;
  std::size_t n = 0;
  auto add = [&](const Obis& o) { b.capture_list[n++] = o; };
  for (std::uint8_t c = 1; c <= 10; ++c) add(Obis(1, 0, c, 8, 0));
  for (std::uint8_t c : std::array<std::uint8_t, 2>{1, 2}) {
    for (std::uint8_t t = 1; t <= 4; ++t) add(Obis(1, 0, c, 8, t));
  }
  for (std::uint8_t t = 0; t <= 4; ++t) add(Obis(1, 0, 1, 6, t));
  add(Obis(1, 0, 1, 2, 0));
  for (std::uint8_t t = 0; t <= 4; ++t) add(Obis(1, 0, 1, 36, t));  // excess-power periods
  add(Obis(1, 0, 1, 38, 128));                                       // excess energy
  add(Obis(1, 0, 83, 8, 3));                                         // OLA total
  add(Obis(1, 0, 83, 8, 6));                                         // NLA total
  b.capture_count = n;
  return b;
}

Status Meter::validate(const MeterSettings& s) {
  if (Status st = clock::validate(s.rtc); !st.is_ok()) return st;
  if (Status st = clock::validate(s.tariff_input); !st.is_ok()) return st;
  if (Status st = registers::validate_config(s.demand); !st.is_ok()) return st;
  if (s.losses_enabled) {
    if (Status st = registers::validate_config(s.losses); !st.is_ok()) return st;
  }
  if (s.billing.capture_count > kMaxBillingCaptures)
    return Status::error(StatusCode::kCapacity, "billing.capture_list", "holds more than 50 objects");
  if (Status st = BillingProfile::validate({s.billing.capture_list.data(), s.billing.capture_count}, s.billing.entries);
      !st.is_ok())
    return st;
  if (s.daily_billing.capture_count > kMaxBillingCaptures)
    return Status::error(StatusCode::kCapacity, "daily_billing.capture_list", "holds more than 50 objects");
  if (s.daily_billing.entries == 0 || s.daily_billing.entries > 1000)
    return Status::invalid("daily_billing.entries", "must lie between 1 and 1000");
  if (Status st = recording::EventRecorder::validate(s.events); !st.is_ok()) return st;
  for (const recording::LoadProfileConfig& p : s.load_profiles) {
    if (Status st = recording::LoadProfile::validate(p); !st.is_ok()) return st;
  }
  if (Status st = quality::validate_config(s.quality); !st.is_ok()) return st;
  for (const RegisterMonitor::Config& c : s.monitoring.monitors) {
    if (Status st = RegisterMonitor::validate(c); !st.is_ok()) return st;
  }
  if (Status st = Limiter::validate(s.monitoring.limiter); !st.is_ok()) return st;
  if (s.billing.day_of_month < 0 || s.billing.day_of_month > 28)
    return Status::invalid("billing.day_of_month", "must be 0 (no schedule) or 1..28");
  if (s.billing.hour < 0 || s.billing.hour > 23) return Status::invalid("billing.hour", "must be 0..23");
  if (s.resolution.energy_scaler < -3 || s.resolution.energy_scaler > 6)
    return Status::invalid("registers.energy_scaler", "must lie between -3 and 6");
  if (s.resolution.power_scaler < -3 || s.resolution.power_scaler > 6)
    return Status::invalid("registers.power_scaler", "must lie between -3 and 6");
  if (s.billing.minute < 0 || s.billing.minute > 59) return Status::invalid("billing.minute", "must be 0..59");
  {
    const MeterSettings::OutputSchedule& o = s.output_schedule;
    if (o.script < 1 || o.script > 4) return Status::invalid("relays.schedule_script", "must be 1..4");
    if (o.hour < 0 || o.hour > 23 || o.minute < 0 || o.minute > 59)
      return Status::invalid("relays.schedule_time", "hour must be 0..23 and minute 0..59");
  }
  if (s.disconnect_control_mode > Relays::kMaxControlMode)
    return Status::invalid("relays.disconnect_control_mode", "must be 0..6");
  for (std::size_t k = 0; k < kDisplayListCount; ++k) {
    if (s.display.count[k] > kMaxDisplayItems)
      return Status::error(StatusCode::kCapacity, "display", "a list holds more than 32 items");
  }
  if (s.pulse_input.enabled) {
    if (Status st = meter::validate(s.pulse_input); !st.is_ok()) return st;
  }
  if (Status st = meter::validate(s.battery); !st.is_ok()) return st;
  return Status::ok();
}

Meter::Meter(const MeterSettings& settings)
    : settings_(settings),
      rtc_(settings.rtc),
      selector_(settings.tariff_input),
      demand_(settings.demand, nullptr),
      billing_({settings.billing.capture_list.data(), settings.billing.capture_count}, settings.billing.entries),
      daily_({settings.daily_billing.capture_list.data(), settings.daily_billing.capture_count}, settings.daily_billing.entries),
      events_(settings.events, nullptr),
      profile1_(settings.load_profiles[0]),
      profile2_(settings.load_profiles[1]),
      monitor_(settings.quality, quality_to_logs_),
      display_(settings.display),
      battery_(settings.battery) {
  quality_to_logs_.meter = this;
  install_configured_program();
  if (settings.losses_enabled) losses_.emplace(settings.losses);
  for (std::size_t k = 0; k < kRegisterMonitorCount; ++k) monitors_[k].configure(settings.monitoring.monitors[k]);
  Limiter::Config limiter = settings.monitoring.limiter;
  limiter.threshold_normal = settings.quality.demand_limit;
  limiter_.configure(limiter);
  init_parameters();
  relays_.set_control_mode(settings.disconnect_control_mode);
  schedule_next_billing(static_cast<double>(settings.rtc.start_utc));  // strictly after the start
  schedule_next_output(static_cast<double>(settings.rtc.start_utc));
  schedule_next_daily(static_cast<double>(settings.rtc.start_utc));
  tariff_ = select_tariff(static_cast<double>(settings.rtc.start_utc));
}

void Meter::install_configured_program() {
  const int year = clock::civil_from_seconds(settings_.rtc.start_utc).year;
  clock::TariffProgram program;
  // The built-in program holds the holidays of 16 years from the start year; failures here are
  // impossible for the fixed programs (their validity is tested), so the status is not kept.
  calendar_ = clock::ActivityCalendar();
  special_days_.clear();
  if (clock::built_in_program(settings_.program, year, year + 15, &program).is_ok()) {
    (void)calendar_.set_active(program.calendar);
    special_days_ = program.special_days;
  }
}

clock::CalendarState Meter::calendar_state(clock::UtcSeconds utc) const {
  clock::CalendarState state = clock::evaluate_at_utc(calendar_, special_days_, rtc_.time_zone(), utc);
  if (script_tariff_ != 0 && utc < script_tariff_until_) {
    state.tariff = static_cast<std::uint8_t>(script_tariff_);
    state.defined = true;
  }
  return state;
}

unsigned Meter::select_tariff(double utc_s) const {
  const auto utc = static_cast<clock::UtcSeconds>(std::floor(utc_s));
  return selector_.select(calendar_state(utc), tariff_input_active_).tariff;
}

void Meter::tariff_program_changed(const Obis& object, double now_s) {
  program_from_dlms_ = true;
  parameters_changed(recording::obis_to_context(object), now_s);
}

Status Meter::set_passive_calendar(const clock::CalendarSet& passive, double now_s) {
  if (Status s = calendar_.set_passive(passive); !s) return s;
  tariff_program_changed(Obis(0, 0, 13, 0, 0), now_s);
  return Status::ok();
}

Status Meter::set_calendar_activation_time(const clock::CosemDateTime& when, double now_s) {
  if (Status s = calendar_.set_activation_time(when); !s) return s;
  tariff_program_changed(Obis(0, 0, 13, 0, 0), now_s);
  return Status::ok();
}

Status Meter::activate_passive_calendar(double now_s) {
  if (Status s = calendar_.activate_passive_calendar(); !s) return s;
  script_tariff_ = 0;  // the new program takes over at once
  events_.record(recording::LogGroup::kStandard, recording::event_code::kPassiveCalendarActivated, utc_of(now_s));
  tariff_program_changed(Obis(0, 0, 13, 0, 0), now_s);
  return Status::ok();
}

Status Meter::insert_special_day(const clock::SpecialDay& day, double now_s) {
  auto names = [&](const clock::CalendarSet& set) {
    for (const clock::DayProfile& d : set.days)
      if (d.day_id == day.day_id) return true;
    return false;
  };
  if (!names(calendar_.active()) && !names(calendar_.passive()))
    return Status::invalid("special_days.day_id", "names no day profile of the active or the passive calendar");
  if (Status s = special_days_.insert(day); !s) return s;
  tariff_program_changed(Obis(0, 0, 11, 0, 0), now_s);
  return Status::ok();
}

Status Meter::delete_special_day(std::uint16_t index, double now_s) {
  if (Status s = special_days_.remove(index); !s) return s;
  tariff_program_changed(Obis(0, 0, 11, 0, 0), now_s);
  return Status::ok();
}

Status Meter::execute_tariff_script(std::uint16_t script, double now_s) {
  if (script < 1 || script > kTariffCount)
    return Status::error(StatusCode::kOutOfRange, "tariffication_script.script_identifier", "must be 1..6");
  const clock::UtcSeconds now = utc_of(now_s);
  script_tariff_ = script;
  script_tariff_until_ = clock::next_boundary_utc(calendar_, special_days_, rtc_.time_zone(), now);
  return Status::ok();
}

Status Meter::set_billing_schedule(int day_of_month, int hour, int minute, double now_s) {
  if (day_of_month < 0 || day_of_month > 28)
    return Status::invalid("billing.day_of_month", "must be 0 (no schedule) or 1..28");
  if (hour < 0 || hour > 23) return Status::invalid("billing.hour", "must be 0..23");
  if (minute < 0 || minute > 59) return Status::invalid("billing.minute", "must be 0..59");
  settings_.billing.day_of_month = day_of_month;
  settings_.billing.hour = hour;
  settings_.billing.minute = minute;
  schedule_from_dlms_ = true;
  schedule_next_billing(static_cast<double>(utc_of(now_s)));
  parameters_changed(recording::obis_to_context(Obis(0, 0, 15, 0, 0)), now_s);
  return Status::ok();
}

void Meter::schedule_next_billing(double after_utc_s) {
  const BillingSettings& b = settings_.billing;
  if (b.day_of_month == 0) {
    next_billing_utc_ = 0.0;
    return;
  }
  const clock::TimeZone& tz = rtc_.time_zone();
  const auto after = static_cast<clock::UtcSeconds>(std::floor(after_utc_s));
  clock::CivilDateTime local = clock::to_local(tz, after);
  for (int k = 0; k < 3; ++k) {
    clock::CivilDateTime candidate{local.year, local.month, b.day_of_month, b.hour, b.minute, 0};
    const clock::UtcSeconds at = clock::to_utc(tz, candidate).utc;
    if (at > after) {
      next_billing_utc_ = static_cast<double>(at);
      return;
    }
    local.month += 1;
    if (local.month > 12) {
      local.month = 1;
      local.year += 1;
    }
  }
}

void Meter::schedule_next_daily(double after_utc_s) {
  const clock::TimeZone& tz = rtc_.time_zone();
  const auto after = static_cast<clock::UtcSeconds>(std::floor(after_utc_s));
  const clock::CivilDate today = clock::to_local(tz, after).date();
  // The next local midnight: tomorrow's (the day after only if a time zone's jump put tomorrow's
  // at or before `after`).
  for (int k = 1; k <= 2; ++k) {
    const clock::CivilDate day = clock::civil_from_days(clock::days_from_civil(today) + k);
    const clock::UtcSeconds at = clock::to_utc(tz, {day.year, day.month, day.day, 0, 0, 0}).utc;
    if (at > after) {
      next_daily_utc_ = static_cast<double>(at);
      return;
    }
  }
}

void Meter::schedule_next_output(double after_utc_s) {
  const MeterSettings::OutputSchedule& o = settings_.output_schedule;
  next_output_utc_ = 0.0;
  if (!o.enabled) return;
  const clock::TimeZone& tz = rtc_.time_zone();
  const auto after = static_cast<clock::UtcSeconds>(std::floor(after_utc_s));
  const clock::CivilDateTime local = clock::to_local(tz, after);
  // Today's instant, else tomorrow's (a DST day may move it, never by a whole day).
  for (int k = 0; k < 3; ++k) {
    const clock::CivilDate day = clock::civil_from_days(clock::days_from_civil(local.date()) + k);
    const clock::UtcSeconds at = clock::to_utc(tz, {day.year, day.month, day.day, o.hour, o.minute, 0}).utc;
    if (at > after) {
      next_output_utc_ = static_cast<double>(at);
      return;
    }
  }
}

Status Meter::set_output_schedule(const MeterSettings::OutputSchedule& o, double now_s) {
  if (o.script < 1 || o.script > 4) return Status::invalid("script_selector", "must be 1..4");
  if (o.hour < 0 || o.hour > 23 || o.minute < 0 || o.minute > 59)
    return Status::invalid("execution_time", "hour must be 0..23 and minute 0..59");
  settings_.output_schedule = o;
  output_schedule_from_dlms_ = true;
  schedule_next_output(static_cast<double>(utc_of(now_s)));
  parameters_changed(recording::obis_to_context(Obis(0, 0, 15, 0, 3)), now_s);
  return Status::ok();
}

void Meter::close_billing(double utc_s, BillingTrigger trigger) {
  // Snapshot first (it captures the maximum demands of the period), then reset them.
  billing_.close(utc_s, trigger, [this](const Obis& o, CapturedValue& out) { return capture_register(o, out); });
  registers::DemandBillingSnapshot snapshot;
  (void)demand_.billing_reset(utc_s, static_cast<int>(tariff_), snapshot);
  events_.record(recording::LogGroup::kConfiguration, recording::event_code::kBillingPeriodClosed,
                 static_cast<clock::UtcSeconds>(std::floor(utc_s)), static_cast<double>(billing_.counter()),
                 static_cast<double>(trigger));
}

bool Meter::capture_register(const Obis& o, CapturedValue& out) const {
  RegisterValue v;
  if (!read(o, v)) return false;
  out.value = v.value;
  out.capture_utc_s = v.has_capture_time ? v.capture_utc_s : 0.0;
  return true;
}

void Meter::capture_profiles(double utc_s) {
  const auto now = static_cast<clock::UtcSeconds>(std::floor(utc_s));
  std::uint8_t flags = profile_flags_;
  if (rtc_.time_zone().dst.enabled && clock::dst_active(rtc_.time_zone(), now)) flags |= recording::amr::kDaylightSaving;
  auto reader = [this](const Obis& o, RegisterValue& v) { return read(o, v); };
  profile1_.advance_to(now, reader, flags);
  profile2_.advance_to(now, reader, flags);
  pq_.periodic(0).advance_to(now, reader, flags);
  pq_.periodic(1).advance_to(now, reader, flags);
  profile_flags_ = 0;
}

void Meter::record_quality_event(const quality::QualityEvent& e) {
  using quality::EventType;
  using recording::LogGroup;
  const double when = e.end ? e.end_s : e.start_s;
  const clock::UtcSeconds utc = utc_of(when);
  pq_.on_event(e, static_cast<double>(rtc_.utc_us(e.start_s)) * kMicro);
  switch (e.type) {
    case EventType::kPowerDown:
      save_requested_ = true;
      events_.record(LogGroup::kStandard, recording::event_code::kPowerDown, utc);
      return;
    case EventType::kPowerUp:
      events_.record(LogGroup::kStandard, recording::event_code::kPowerUp, utc, e.duration_s);
      profile_flags_ |= recording::amr::kPowerDown;
      return;
    case EventType::kLongPowerOutage:
      events_.record_power_failure(utc, static_cast<std::int64_t>(std::llround(e.duration_s)));
      return;
    case EventType::kTerminalCoverOpened: case EventType::kMeterCaseOpened: case EventType::kMagneticFieldDetected:
      ++tamper_counts_[e.type == EventType::kTerminalCoverOpened ? 0 : (e.type == EventType::kMeterCaseOpened ? 1 : 2)];
      events_.record(LogGroup::kFraud, e.code, utc, e.duration_s, e.extreme);
      return;
    case EventType::kTerminalCoverClosed:
    case EventType::kMeterCaseClosed: case EventType::kMagneticFieldGone:
    case EventType::kCurrentWithoutVoltageStart: case EventType::kCurrentWithoutVoltageEnd:
      events_.record(LogGroup::kFraud, e.code, utc, e.duration_s, e.extreme);
      return;
    case EventType::kImaxExceeded: case EventType::kImaxNormal:
    case EventType::kPmaxExceeded: case EventType::kPmaxNormal:
    case EventType::kDemandOverLimit: case EventType::kDemandNormal:
      events_.record(LogGroup::kLimits, e.code, utc, e.duration_s, e.extreme);
      return;
    case EventType::kPhaseSequenceReversal:
    case EventType::kPhaseSequenceNormal:
      events_.record(LogGroup::kStandard, e.code, utc, e.extreme);
      return;
    case EventType::kSagEnd: case EventType::kSwellEnd:
      if (e.phase >= 1 && e.phase <= 3) last_sag_swell_v_[(e.type == EventType::kSagEnd ? 0 : 3) + e.phase - 1u] = e.extreme;
      events_.record(LogGroup::kPowerQuality, e.code, utc, e.duration_s, e.extreme);
      return;
    default:
      // Dips, swells, missing voltage, interruptions, asymmetry, no current, frequency:
      // the power-quality log with its context columns, duration and extreme value.
      events_.record(LogGroup::kPowerQuality, e.code, utc, e.duration_s, e.extreme);
      return;
  }
}

void Meter::set_tariff_input(bool active, double now_s) {
  if (active == tariff_input_active_) return;
  tariff_input_active_ = active;
  events_.record(recording::LogGroup::kConfiguration,
                 active ? recording::event_code::kDigitalInput1Activated : recording::event_code::kDigitalInput1Deactivated,
                 utc_of(now_s), 1.0);
}

void Meter::digital_input_2(bool active, double now_s) {
  if (active == input2_active_) return;
  input2_active_ = active;
  events_.record(recording::LogGroup::kConfiguration,
                 active ? recording::event_code::kDigitalInput2Activated : recording::event_code::kDigitalInput2Deactivated,
                 utc_of(now_s), 2.0);
}

Status Meter::set_display_list(std::size_t k, std::span<const Obis> items, double now_s) {
  if (k >= kDisplayListCount) return Status::invalid("display", "there are three display lists (0..2)");
  if (items.size() > kMaxDisplayItems)
    return Status::error(StatusCode::kCapacity, "display", "a list holds at most 32 items");
  for (std::size_t i = 0; i < items.size(); ++i) display_.items[k][i] = items[i];
  display_.count[k] = items.size();
  display_from_dlms_ = true;
  parameters_changed(recording::obis_to_context(display_readout_obis(k)), now_s);
  return Status::ok();
}

void Meter::parameters_changed(double object_context, double now_s) {
  ++config_changes_;
  last_config_change_utc_ = static_cast<double>(utc_of(now_s));
  events_.record(recording::LogGroup::kConfiguration, recording::event_code::kParametersChanged, utc_of(now_s),
                 object_context);
}

void Meter::clear_log(recording::LogGroup group, double now_s) { events_.clear_log(group, utc_of(now_s)); }

void Meter::nv_failed(double now_s) {
  error_register_ |= 1u;
  if (nv_failing_) return;
  nv_failing_ = true;
  events_.record(recording::LogGroup::kStandard, recording::event_code::kNonVolatileMemoryError, utc_of(now_s));
}

void Meter::clear_errors(std::uint32_t mask, double now_s) {
  error_register_ &= ~mask;
  events_.record(recording::LogGroup::kStandard, 10, utc_of(now_s));
}

void Meter::on_window(const metrology::WindowValues& w) {
  on_interval(interval_from_window(w));
  monitor_.on_window(w);
}

void Meter::on_half_cycle(const metrology::HalfCycleValues& h) { monitor_.on_half_cycle(h); }

void Meter::on_frequency_10s(const metrology::TenSecondFrequency& f) { monitor_.on_frequency_10s(f); }

void Meter::set_fraud_input(quality::Input input, bool active, double now_s) { monitor_.set_input(input, active, now_s); }

const BillingEntry& Meter::billing_reset(double now_s, BillingTrigger trigger) {
  const double utc = static_cast<double>(rtc_.utc_us(now_s)) * kMicro;
  close_billing(utc, trigger);
  return billing_.entry(billing_.entries_in_use() - 1);
}

void Meter::on_interval(const IntervalValues& iv) {
  const double utc_start = static_cast<double>(rtc_.utc_us(iv.start_s)) * kMicro;
  if (const auto dst = rtc_.poll(iv.start_s)) {
    events_.record(recording::LogGroup::kStandard, recording::event_code::kDstChange,
                   static_cast<clock::UtcSeconds>(std::floor(static_cast<double>(dst->new_utc_us) * kMicro)));
  }
  const auto activation = calendar_.poll(static_cast<clock::UtcSeconds>(std::floor(utc_start)), rtc_.time_zone());
  if (activation.activation == clock::ActivityCalendar::Activation::kActivated) {
    script_tariff_ = 0;
    events_.record(recording::LogGroup::kStandard, recording::event_code::kPassiveCalendarActivated,
                   static_cast<clock::UtcSeconds>(std::floor(utc_start)));
  }
  // The daily snapshot first: at a midnight that also ends the month it still sees the maximum
  // demands of the month, as the monthly one does.
  while (next_daily_utc_ > 0.0 && utc_start >= next_daily_utc_) {
    daily_.close(next_daily_utc_, BillingTrigger::kSchedule, [this](const Obis& o, CapturedValue& out) { return capture_register(o, out); });
    schedule_next_daily(next_daily_utc_);
  }
  while (next_billing_utc_ > 0.0 && utc_start >= next_billing_utc_) {
    close_billing(next_billing_utc_, BillingTrigger::kSchedule);
    schedule_next_billing(next_billing_utc_);
  }
  while (next_output_utc_ > 0.0 && utc_start >= next_output_utc_) {
    (void)run_output_script(settings_.output_schedule.script, Relays::Source::kLocal, iv.start_s);
    schedule_next_output(next_output_utc_);
  }
  const auto decision =
      selector_.select(calendar_state(static_cast<clock::UtcSeconds>(std::floor(utc_start))), tariff_input_active_);
  tariff_ = decision.tariff;
  tariff_source_ = decision.source;

  energy_.add(iv.energy, tariff_);
  (void)demand_.add(utc_start, iv.duration_s, registers::to_demand_increment(iv.energy[metrology::index(Element::kTotal)]),
                    static_cast<int>(tariff_));
  if (losses_) {
    registers::LossInterval li;
    li.duration_s = iv.duration_s;
    li.u_rms_v = iv.u_rms_v;
    li.i_rms_a = iv.i_rms_a;
    li.p_total_w = iv.p_w_total;
    li.q_total_var = iv.q_var_total;
    (void)losses_->add(li);
  }
  last_ = iv;
  now_s_ = iv.start_s + iv.duration_s;
  capture_profiles(utc_start + iv.duration_s);
  evaluate_monitors();
}

clock::ClockResult Meter::after_clock_change(clock::ClockResult r) {
  if (!r.status.is_ok() || r.change.delta_us() == 0) return r;
  const double old_utc = static_cast<double>(r.change.old_utc_us) * kMicro;
  const double new_utc = static_cast<double>(r.change.new_utc_us) * kMicro;
  // IDIS 4 / 5: clock adjusted, stamped with the old and the new time; a change by the
  // synchronisation input is also an input event of the configuration log.
  events_.record(recording::LogGroup::kStandard, recording::event_code::kClockAdjustedOldTime,
                 static_cast<clock::UtcSeconds>(std::floor(old_utc)));
  events_.record(recording::LogGroup::kStandard, recording::event_code::kClockAdjustedNewTime,
                 static_cast<clock::UtcSeconds>(std::floor(new_utc)));
  if (r.change.kind == clock::ClockChangeKind::kSyncPulse) {
    events_.record(recording::LogGroup::kConfiguration, recording::event_code::kRtcSynchronisedByInput,
                   static_cast<clock::UtcSeconds>(std::floor(new_utc)), old_utc, new_utc);
  }
  profile_flags_ |= recording::amr::kClockAdjusted;
  (void)demand_.set_clock(old_utc, new_utc, static_cast<int>(tariff_));
  // A billing instant jumped over forward is closed by the next interval (the period did end);
  // after a jump back the schedule is planned again from the new time.
  if (new_utc < old_utc) {
    schedule_next_billing(new_utc);
    schedule_next_output(new_utc);
    schedule_next_daily(new_utc);
  }
  return r;
}

clock::ClockResult Meter::set_clock(double now_s, clock::UtcMicros new_utc_us) {
  return after_clock_change(rtc_.set(now_s, new_utc_us));
}
clock::ClockResult Meter::shift_clock(double now_s, std::int32_t seconds) {
  if (std::abs(static_cast<double>(seconds)) > params_.value(Parameter::kClockShiftLimit))
    return clock::ClockResult{Status::error(StatusCode::kOutOfRange, "clock.shift_time", "beyond the clock time shift limit 1.0.0.9.11"), {}};
  return after_clock_change(rtc_.shift_time(now_s, seconds));
}
clock::ClockResult Meter::adjust_clock_to_quarter(double now_s) {
  return after_clock_change(clock::ClockResult{Status::ok(), rtc_.adjust_to_quarter(now_s)});
}
clock::ClockResult Meter::adjust_clock_to_minute(double now_s) {
  return after_clock_change(clock::ClockResult{Status::ok(), rtc_.adjust_to_minute(now_s)});
}
clock::ClockResult Meter::adjust_clock_to_measuring_period(double now_s) {
  return after_clock_change(
      rtc_.adjust_to_measuring_period(now_s, static_cast<std::int32_t>(demand_.config().period_s)));
}
Status Meter::preset_clock_adjusting_time(const clock::CosemDateTime& preset, const clock::CosemDateTime& validity_start,
                                          const clock::CosemDateTime& validity_end) {
  return rtc_.preset_adjusting_time(preset, validity_start, validity_end);
}
clock::ClockResult Meter::adjust_clock_to_preset_time(double now_s) {
  return after_clock_change(rtc_.adjust_to_preset_time(now_s));
}
clock::ClockResult Meter::sync_pulse(double now_s) { return after_clock_change(rtc_.sync_pulse(now_s)); }

void Meter::resume_after_outage(double outage_s) {
  const double down_utc = static_cast<double>(rtc_.utc_us(now_s_)) * kMicro;
  now_s_ += outage_s;
  const double up_utc = static_cast<double>(rtc_.utc_us(now_s_)) * kMicro;
  battery_.on_outage(outage_s);  // the RTC ran on the back-up battery meanwhile
  events_.record(recording::LogGroup::kStandard, recording::event_code::kPowerDown,
                 static_cast<clock::UtcSeconds>(std::floor(down_utc)));
  events_.record(recording::LogGroup::kStandard, recording::event_code::kPowerUp,
                 static_cast<clock::UtcSeconds>(std::floor(up_utc)), outage_s);
  events_.record_power_failure(static_cast<clock::UtcSeconds>(std::floor(up_utc)),
                               static_cast<std::int64_t>(std::llround(outage_s)));
  profile_flags_ |= recording::amr::kPowerDown;
  // Instants passed while off are filled (flagged power down) now, at power-up.
  const auto now = static_cast<clock::UtcSeconds>(std::floor(up_utc));
  auto reader = [this](const Obis& o, RegisterValue& v) { return read(o, v); };
  profile1_.advance_to(now, reader, recording::amr::kPowerDown);
  profile2_.advance_to(now, reader, recording::amr::kPowerDown);
  pq_.periodic(0).advance_to(now, reader, recording::amr::kPowerDown);
  pq_.periodic(1).advance_to(now, reader, recording::amr::kPowerDown);
}

double Meter::next_boundary_s(double now_s) const {
  const double utc_now = static_cast<double>(rtc_.utc_us(now_s)) * kMicro;
  const double period = settings_.demand.period_s;
  double next = (std::floor(utc_now / period) + 1.0) * period;
  const auto whole = static_cast<clock::UtcSeconds>(std::floor(utc_now));
  const auto tariff_change = static_cast<double>(
      clock::next_boundary_utc(calendar_, special_days_, rtc_.time_zone(), whole));
  if (tariff_change > utc_now) next = std::min(next, tariff_change);
  if (next_billing_utc_ > utc_now) next = std::min(next, next_billing_utc_);
  if (next_output_utc_ > utc_now) next = std::min(next, next_output_utc_);
  if (next_daily_utc_ > utc_now) next = std::min(next, next_daily_utc_);
  return now_s + (next - utc_now);
}

bool Meter::read(const Obis& o, RegisterValue& out) const {
  if (events_.read(o, out)) return true;
  if (read_state(o, out)) return true;
  if (o == Obis(0, 0, 97, 97, 0)) {
    out = make(static_cast<double>(error_register_), Unit::kCount);
    return true;
  }
  if (o == Obis(0, 0, 0, 1, 0) || o == Obis(1, 0, 0, 1, 0)) {  // IDIS names it with A = 0, the object list with 1
    out = make(static_cast<double>(billing_.counter()), Unit::kCount);
    return true;
  }
  if (o.a() != 1 || o.b() != 0 || o.f() != 255) return false;
  const std::uint8_t c = o.c(), d = o.d(), e = o.e();

  if (d == 8) {
    Element el;
    EnergyQuantity q;
    unsigned t;
    if (energy_.find(o, el, q, t)) {
      out = make(energy_.value(el, q, t), energy_unit(q), settings_.resolution.energy_scaler);
      return true;
    }
    if (e == 128 && c >= 1 && c <= 4 && losses_ && losses_->compensating()) {
      const auto q4 = static_cast<EnergyQuantity>(c - 1);
      out = make(losses_->compensated(q4), energy_unit(q4), settings_.resolution.energy_scaler);
      return true;
    }
  }
  if (const auto dq = demand_quantity_of(c); dq && (d == 4 || d == 5 || d == 6 || d == 2) && e <= kTariffCount) {
    const registers::DemandRegister& r = demand_.demand(*dq);
    const Unit unit = power_unit(c);
    const std::int8_t ps = settings_.resolution.power_scaler;
    if (d == 4 && e == 0) {
      out = make(r.current_average(), unit, ps);
      out.has_capture_time = true;
      out.capture_utc_s = r.start_time_current();
      return true;
    }
    if (d == 5 && e == 0) {
      out = make(r.last_average(), unit, ps);
      out.has_capture_time = true;
      out.capture_utc_s = r.capture_time();
      return true;
    }
    if (d == 6) {
      const registers::CapturedValue& m = demand_.maximum(*dq).maximum(e);
      out = make(m.value, unit, ps);
      out.has_capture_time = true;
      out.capture_utc_s = m.captured ? m.capture_utc_s : 0.0;
      return true;
    }
    if (d == 2) {
      out = make(demand_.maximum(*dq).cumulative(e), unit, ps);
      return true;
    }
  }
  if (c == 1 && (d >= 35 && d <= 38) && (e <= kTariffCount || (d == 38 && e >= 128 && e <= 128 + kTariffCount))) {
    const registers::ExcessPower& x = demand_.excess();
    if (d == 38 && e >= 128) {
      out = make(x.billing_period(e - 128).energy_wh, Unit::kWh, settings_.resolution.energy_scaler);
      return true;
    }
    const registers::ExcessCounters& k = x.billing_period(e);
    switch (d) {
      case 35: out = make(x.contracted(e), Unit::kW); return true;
      case 36: out = make(static_cast<double>(k.count), Unit::kCount); return true;
      case 37: out = make(k.duration_s, Unit::kSecond); return true;
      default:
        out = make(k.largest_w, Unit::kW);
        out.has_capture_time = true;
        out.capture_utc_s = k.largest_utc_s;
        return true;
    }
  }
  if (losses_ && d == 8 && (c == 83 || c == 88 || c == 89)) {
    const registers::TransformerLosses& l = *losses_;
    if (c == 88 && e == 0) {
      out = make(l.i2h(Element::kTotal), Unit::kA2h);
      return true;
    }
    if (c == 89 && e == 0) {
      out = make(l.u2h(Element::kTotal), Unit::kV2h);
      return true;
    }
    using registers::LossDirection;
    using registers::LossKind;
    struct Map {
      std::uint8_t e;
      LossKind kind;
      int dir;  // 0 import, 1 export, 2 both
    };
    constexpr Map kMap[] = {{1, LossKind::kOla, 0}, {2, LossKind::kOla, 1},  {3, LossKind::kOla, 2},
                            {4, LossKind::kNla, 0}, {5, LossKind::kNla, 1},  {6, LossKind::kNla, 2},
                            {10, LossKind::kOlr, 0}, {11, LossKind::kOlr, 1}, {12, LossKind::kOlr, 2},
                            {13, LossKind::kNlr, 0}, {14, LossKind::kNlr, 1}, {15, LossKind::kNlr, 2}};
    for (const Map& m : kMap) {
      if (m.e != e || c != 83) continue;
      const bool reactive = m.kind == LossKind::kOlr || m.kind == LossKind::kNlr;
      const double v = m.dir == 2 ? l.loss_both(m.kind, Element::kTotal)
                                  : l.loss(m.kind, Element::kTotal, m.dir == 0 ? LossDirection::kImport : LossDirection::kExport);
      out = make(v, reactive ? Unit::kvarh : Unit::kWh, settings_.resolution.energy_scaler);
      return true;
    }
    // Per phase: the same E codes moved into the manufacturer range, 128 + 16 * phase + E
    // (L1 129..143, L2 145..159, L3 161..175).
    if (c == 83 && e > 128 && e < 128 + 48) {
      const unsigned phase = (e - 128u) / 16u;
      const unsigned base = (e - 128u) % 16u;
      for (const Map& mp : kMap) {
        if (mp.e != base) continue;
        const bool reactive = mp.kind == LossKind::kOlr || mp.kind == LossKind::kNlr;
        const auto el = static_cast<Element>(phase);
        const double v = mp.dir == 2 ? l.loss_both(mp.kind, el)
                                     : l.loss(mp.kind, el, mp.dir == 0 ? LossDirection::kImport : LossDirection::kExport);
        out = make(v, reactive ? Unit::kvarh : Unit::kWh, settings_.resolution.energy_scaler);
        return true;
      }
    }
    if (c == 83) {
      for (std::size_t p = 0; p < 3; ++p) {
        const auto base = static_cast<std::uint8_t>(49 + 20 * p);
        if (e == base) {
          out = make(l.i2h(static_cast<Element>(p)), Unit::kA2h);
          return true;
        }
        if (e == base + 1) {
          out = make(l.u2h(static_cast<Element>(p)), Unit::kV2h);
          return true;
        }
      }
    }
  }
  if (d == 7 && e == 124) {
    for (std::size_t p = 0; p < 3; ++p) {
      if (c == 32 + 20 * p || c == 31 + 20 * p) {
        out = make(c == 32 + 20 * p ? last_.u_thd_pct[p] : last_.i_thd_pct[p], Unit::kCount);
        return true;
      }
    }
  }
  if (d == 7 && e == 0) {
    for (std::size_t p = 0; p < 3; ++p) {
      if (c == 32 + 20 * p) {
        out = make(last_.u_rms_v[p], Unit::kV);
        return true;
      }
      if (c == 31 + 20 * p) {
        out = make(last_.i_rms_a[p], Unit::kA);
        return true;
      }
    }
    // Instantaneous power of the last interval: C = 1, 2, 3, 4, 9, 10 for the total, + 20 / 40 / 60
    // for L1 / L2 / L3; each direction shows the magnitude while the flow goes that way, else 0.
    const unsigned group = c / 20u;
    const unsigned base = c % 20u;
    if (group <= 3 && (base <= 4 || base == 9 || base == 10) && base != 0) {
      const bool total = group == 0;
      const std::size_t k = total ? 0 : group - 1;
      const double p = total ? last_.p_w_total : last_.p_w[k];
      const double q = total ? last_.q_var_total : last_.q_var[k];
      const double s = total ? last_.s_va_total : last_.s_va[k];
      const std::int8_t ps = settings_.resolution.power_scaler;
      switch (base) {
        case 1: out = make(p > 0 ? p : 0.0, Unit::kW, ps); return true;
        case 2: out = make(p < 0 ? -p : 0.0, Unit::kW, ps); return true;
        case 3: out = make(q > 0 ? q : 0.0, Unit::kvar, ps); return true;
        case 4: out = make(q < 0 ? -q : 0.0, Unit::kvar, ps); return true;
        case 9: out = make(p >= 0 ? s : 0.0, Unit::kVA, ps); return true;
        default: out = make(p < 0 ? s : 0.0, Unit::kVA, ps); return true;
      }
    }
    if (c == 14) {
      out = make(last_.frequency_hz, Unit::kHz);
      return true;
    }
  }
  return false;
}

}  // namespace quadra::meter
