// The Meter's writable parameters, register monitors and limiter (meter.h, monitoring.h).
#include <algorithm>
#include <cmath>

#include "core/meter/meter.h"
#include "core/quality/event_codes.h"
#include "core/recording/event_codes.h"

namespace quadra::meter {

void Meter::init_parameters() {
  const quality::QualityConfig& q = settings_.quality;
  const double udin = q.declared_voltage_v;
  params_.value(Parameter::kSagThreshold) = udin * q.dip_threshold_pct / 100.0;
  params_.value(Parameter::kSwellThreshold) = udin * q.swell_threshold_pct / 100.0;
  params_.value(Parameter::kCutThreshold) = udin * q.interruption_threshold_pct / 100.0;
  params_.value(Parameter::kSagTime) = q.dip_min_duration_s;
  params_.value(Parameter::kSwellTime) = q.swell_min_duration_s;
  params_.value(Parameter::kCutTime) = q.interruption_min_duration_s;
  params_.value(Parameter::kOverCurrent) = q.imax_a;
  params_.value(Parameter::kOverCurrentTime) = q.imax_min_duration_s;
  params_.value(Parameter::kLongPowerFailure) = static_cast<double>(settings_.events.long_outage_threshold_s);
  params_.contracted_w = settings_.demand.contracted_power;
  params_.value(Parameter::kContractedPower) =
      *std::max_element(params_.contracted_w.begin() + 1, params_.contracted_w.end());
  params_.value(Parameter::kClockShiftLimit) = 900.0;
  params_.value(Parameter::kAlarmFilter) = static_cast<double>(settings_.events.alarm_filter);
}

Status Meter::apply_parameters(const MeterParameters& p, bool commit) {
  for (const ParameterInfo& info : kParameters) {
    if (info.id == Parameter::kOverLimitThreshold) {
      for (double w : p.contracted_w) {
        if (!(w >= info.min && w <= info.max)) return Status::invalid(info.name, "must lie between 0 and 1e9 W");
      }
      continue;
    }
    const double v = p.value(info.id);
    if (!(v >= info.min && v <= info.max)) return Status::invalid(info.name, "is outside the range of its object");
  }
  if (p.value(Parameter::kAlarmFilter) != std::floor(p.value(Parameter::kAlarmFilter)))
    return Status::invalid("events.alarm_filter", "must be a whole 32-bit value");
  quality::QualityConfig q = settings_.quality;
  const double udin = q.declared_voltage_v;
  q.dip_threshold_pct = 100.0 * p.value(Parameter::kSagThreshold) / udin;
  q.swell_threshold_pct = 100.0 * p.value(Parameter::kSwellThreshold) / udin;
  q.interruption_threshold_pct = 100.0 * p.value(Parameter::kCutThreshold) / udin;
  q.dip_min_duration_s = p.value(Parameter::kSagTime);
  q.swell_min_duration_s = p.value(Parameter::kSwellTime);
  q.interruption_min_duration_s = p.value(Parameter::kCutTime);
  q.imax_a = p.value(Parameter::kOverCurrent);
  q.imax_min_duration_s = p.value(Parameter::kOverCurrentTime);
  q.long_outage_s = p.value(Parameter::kLongPowerFailure);
  // The monitor's own rules between values (cut < sag < 100 % < swell <= 200 %, ...).
  if (Status st = quality::validate_config(q); !st.is_ok()) return st;
  if (!commit) return Status::ok();
  monitor_.retune(q);
  events_.set_alarm_filter(static_cast<std::uint32_t>(p.value(Parameter::kAlarmFilter)));
  events_.set_long_outage_threshold(static_cast<std::int64_t>(std::llround(p.value(Parameter::kLongPowerFailure))));
  for (std::size_t slot = 0; slot < p.contracted_w.size(); ++slot) demand_.set_contracted_power(slot, p.contracted_w[slot]);
  params_ = p;
  return Status::ok();
}

Status Meter::set_parameter(const Obis& obis, double value, double now_s) {
  std::size_t slot = 0;
  const ParameterInfo* info = find_parameter(obis, &slot);
  if (info == nullptr) return Status::error(StatusCode::kNotSupported, "parameter", "the meter has no writable parameter of that code");
  MeterParameters p = params_;
  if (info->id == Parameter::kOverLimitThreshold) {
    p.contracted_w[slot] = value;
  } else {
    p.value(info->id) = value;
    // The contracted power is every tariff's (1.0.1.35.E refines one tariff afterwards).
    if (info->id == Parameter::kContractedPower) p.contracted_w.fill(value);
  }
  if (Status st = apply_parameters(p, false); !st.is_ok()) return st;
  (void)apply_parameters(p, true);
  parameters_changed(recording::obis_to_context(obis), now_s);
  return Status::ok();
}

Status Meter::set_register_monitor(std::size_t k, const RegisterMonitor::Config& config, double now_s) {
  if (k >= kRegisterMonitorCount) return Status::error(StatusCode::kOutOfRange, "register_monitor", "no such monitor");
  if (Status st = RegisterMonitor::validate(config); !st.is_ok()) return st;
  double v = 0.0;
  if (!read_monitored(config.monitored, v))
    return Status::invalid("register_monitor.monitored_value", "names no register of this meter");
  monitors_[k].configure(config);
  parameters_changed(recording::obis_to_context(kRegisterMonitorObis[k]), now_s);
  return Status::ok();
}

Status Meter::set_limiter(const Limiter::Config& config, double now_s) {
  if (Status st = Limiter::validate(config); !st.is_ok()) return st;
  double v = 0.0;
  if (!read_monitored(config.monitored, v)) return Status::invalid("limiter.monitored_value", "names no register of this meter");
  limiter_.configure(config);
  parameters_changed(recording::obis_to_context(kLimiterObis), now_s);
  return Status::ok();
}

namespace {
RegisterValue make_value(double value, Unit unit, std::int8_t scaler = 0) {
  RegisterValue v;
  v.value = value;
  v.unit = unit;
  v.scaler = scaler;
  return v;
}
}  // namespace

bool Meter::read_state(const Obis& o, RegisterValue& out) const {
  if (pq_.read(o, out)) return true;
  std::size_t slot = 0;
  if (const ParameterInfo* p = find_parameter(o, &slot)) {
    const double v = p->id == Parameter::kOverLimitThreshold ? params_.contracted_w[slot] : params_.value(p->id);
    out = make_value(v, p->unit);  // W at scaler 0, as the excess-power registers 1.0.1.35..38
    return true;
  }
  const auto count = [&](double v) {
    out = make_value(v, Unit::kCount);
    return true;
  };
  if (o == Obis(0, 0, 96, 2, 0)) return count(config_changes_);
  // Alarm descriptor 1: the alarms a push reports now (alarm register 1 through its filter).
  if (o == Obis(0, 0, 97, 98, 20)) return count(events_.alarm_register() & events_.alarm_filter());
  if (o == Obis(0, 0, 96, 20, 0)) return count(tamper_counts_[static_cast<std::size_t>(quality::Input::kMeterCase)]);
  if (o == Obis(0, 0, 96, 20, 5)) return count(tamper_counts_[static_cast<std::size_t>(quality::Input::kTerminalCover)]);
  if (o == Obis(0, 0, 96, 20, 15)) return count(tamper_counts_[static_cast<std::size_t>(quality::Input::kMagneticField)]);
  if (o == Obis(0, 0, 96, 14, 0)) return count(tariff_);
  // Bit 0: digital input 1 (tariff control), bit 1: digital input 2 (billing reset).
  if (o == Obis(0, 0, 96, 3, 1)) return count((tariff_input_active_ ? 1 : 0) + (input2_active_ ? 2 : 0));
  // Bit 0: relay 1 (the disconnector) closed, bit 1: relay 2 closed.
  if (o == Obis(0, 0, 96, 3, 2)) return count(relays_.output_bits());
  if (o == Obis(1, 0, 0, 8, 0)) {
    out = make_value(settings_.demand.period_s, Unit::kSecond);
    return true;
  }
  if (o == Obis(1, 0, 0, 8, 4) || o == Obis(1, 0, 0, 8, 5)) {
    out = make_value(static_cast<double>(settings_.load_profiles[o.e() - 4].period_s), Unit::kSecond);
    return true;
  }
  if (o == Obis(1, 0, 0, 3, 0) && settings_.nameplate.meter_constant_imp_per_kwh > 0.0)
    return count(settings_.nameplate.meter_constant_imp_per_kwh);
  if (o == Obis(1, 0, 0, 4, 2)) return count(settings_.nameplate.ct_ratio);
  if (o == Obis(1, 0, 0, 4, 3)) return count(settings_.nameplate.vt_ratio);
  // Per phase C = 32 / 52 / 72: D 32 sags, 34 magnitude of the last sag, 36 swells, 38 magnitude
  // of the last swell (IDIS).
  if (o.a() == 1 && o.b() == 0 && o.e() == 0 && (o.c() == 32 || o.c() == 52 || o.c() == 72) &&
      (o.d() == 32 || o.d() == 34 || o.d() == 36 || o.d() == 38)) {
    const std::size_t ph = (o.c() - 32u) / 20u;
    const quality::VoltageCounters& k = monitor_.counters(ph + 1);
    switch (o.d()) {
      case 32: return count(k.sags);
      case 36: return count(k.swells);
      case 34: out = make_value(last_sag_swell_v_[ph], Unit::kV); return true;
      default: out = make_value(last_sag_swell_v_[3 + ph], Unit::kV); return true;
    }
  }
  // Status words, bit p-1 for phase p: missing voltage, missing current (the no-current condition
  // is polyphase: all three bits), current without voltage.
  if (o == Obis(1, 0, 96, 10, 0) || o == Obis(1, 0, 96, 10, 1) || o == Obis(1, 0, 96, 10, 2)) {
    unsigned bits = 0;
    for (std::size_t p = 1; p <= 3; ++p) {
      bool on = false;
      if (o.e() == 0) on = monitor_.voltage().missing_voltage(p);
      else if (o.e() == 1) on = monitor_.windows().no_current();
      else on = monitor_.windows().current_without_voltage(p);
      if (on) bits |= 1u << (p - 1);
    }
    return count(bits);
  }
  if (o.a() == 1 && o.b() == 0 && o.d() == 7) {
    const auto pf = [](double p, double s) { return s > 0.0 ? p / s : 0.0; };
    switch (o.c() * 256 + o.e()) {
      case 124 * 256: case 125 * 256: case 126 * 256:
        out = make_value(last_.u_line_v[o.c() - 124u], Unit::kV);
        return true;
      case 91 * 256: out = make_value(last_.i_neutral_a, Unit::kA); return true;
      case 13 * 256: out = make_value(pf(last_.p_w_total, last_.s_va_total), Unit::kCount); return true;
      case 33 * 256: case 53 * 256: case 73 * 256: {
        const std::size_t p = (o.c() - 33u) / 20u;
        out = make_value(pf(last_.p_w[p], last_.s_va[p]), Unit::kCount);
        return true;
      }
      // Angle U(Lp) - I(Lp): E = 10 a + b with a = 0..2 the voltage, b = 4..6 the current.
      case 81 * 256 + 4: case 81 * 256 + 15: case 81 * 256 + 26:
        out = make_value(last_.ui_angle_deg[o.e() / 10u], Unit::kDegree);
        return true;
      case 12 * 256 + 128: out = make_value(last_.u2_pct, Unit::kCount); return true;
      default: break;
    }
  }
  // Harmonics by order 1.0.C.7.h: C = 32 / 52 / 72 voltage, 31 / 51 / 71 current of L1..L3,
  // h = 1..40, of the last interval (interval_values.h).
  if (o.a() == 1 && o.b() == 0 && o.d() == 7 && o.e() >= 1 && o.e() <= kServedHarmonicOrder && o.f() == 255) {
    switch (o.c()) {
      case 32: case 52: case 72:
        out = make_value(last_.u_harmonic_v[(o.c() - 32u) / 20u][o.e()], Unit::kV);
        return true;
      case 31: case 51: case 71:
        out = make_value(last_.i_harmonic_a[(o.c() - 31u) / 20u][o.e()], Unit::kA);
        return true;
      default: break;
    }
  }
  if (settings_.pulse_input.enabled) {
    if (o == Obis(1, 0, 82, 8, 0)) return count(static_cast<double>(pulse_input_.pulses()));
    if (o == Obis(1, 0, 0, 7, 5)) return count(settings_.pulse_input.constant);
  }
  // The RTC back-up battery (backup_battery.h).
  if (o == Obis(0, 0, 96, 6, 3)) {
    out = make_value(battery_.voltage_v(), Unit::kV);
    return true;
  }
  if (o == Obis(0, 0, 96, 6, 0)) {
    out = make_value(std::floor(battery_.on_battery_s()), Unit::kSecond);
    return true;
  }
  if (o == Obis(0, 0, 96, 6, 6)) {
    out = make_value(std::floor(battery_.remaining_use_s()), Unit::kSecond);
    return true;
  }
  // Transformer model parameters 1.0.0.10.0..3: X_m, R_Fe, R_Cu, X_s of the loss model in force
  // (transformer_model.h), while the losses are on; X_m not with the quartic no-load law.
  if (o.a() == 1 && o.b() == 0 && o.c() == 0 && o.d() == 10 && o.e() <= 3 && losses_) {
    const registers::EquivalentCircuit e = registers::equivalent_circuit(settings_.losses.coefficients);
    if (o.e() == 0 && !e.x_m_valid) return false;
    const double ohm[4] = {e.x_m_ohm, e.r_fe_ohm, e.r_cu_ohm, e.x_s_ohm};
    out = make_value(ohm[o.e()], Unit::kOhm);
    return true;
  }
  if (o == Obis(1, 0, 90, 7, 0)) {
    out = make_value(last_.i_rms_a[0] + last_.i_rms_a[1] + last_.i_rms_a[2], Unit::kA);
    return true;
  }
  return false;
}

bool Meter::read_monitored(const ValueDefinition& d, double& value) const {
  Obis reg;
  RegisterValue v;
  if (!register_of(d, &reg) || !read(reg, v)) return false;
  value = v.value;
  return true;
}

void Meter::run_action(const ActionItem& action) {
  if (action.empty()) return;
  if (action.script == kBillingScript && action.selector == 1) {
    (void)billing_reset(now_s_, BillingTrigger::kCommand);
    return;
  }
  if (action.script == kOutputScript) {
    (void)run_output_script(action.selector, Relays::Source::kLocal, now_s_);
    return;
  }
  if (script_runner_ != nullptr) script_runner_->run_script(action, now_s_);
}

void Meter::evaluate_monitors() {
  using recording::LogGroup;
  const clock::UtcSeconds utc = utc_of(now_s_);
  for (std::size_t k = 0; k < kRegisterMonitorCount; ++k) {
    double value = 0.0;
    if (!read_monitored(monitors_[k].config().monitored, value)) continue;
    // Actions run after the whole evaluation: a billing reset must not change what is compared.
    std::array<ActionItem, RegisterMonitor::kMaxThresholds> run{};
    std::size_t n = 0;
    monitors_[k].evaluate(value, [&](std::size_t t, bool up) {
      const std::uint16_t code = k == 0 ? (up ? recording::event_code::kRegisterMonitorUp : recording::event_code::kRegisterMonitorDown)
                                        : (up ? recording::event_code::kAlarmMonitorUp : recording::event_code::kAlarmMonitorDown);
      events_.record(LogGroup::kLimits, code, utc, value);
      const ActionSet& a = monitors_[k].config().actions[t];
      run[n++] = up ? a.up : a.down;
    });
    for (std::size_t i = 0; i < n; ++i) run_action(run[i]);
  }
  double value = 0.0;
  if (!read_monitored(limiter_.config().monitored, value)) return;
  const Limiter::Change change = limiter_.evaluate(value, now_s_, static_cast<double>(rtc_.utc_us(now_s_)) * 1e-6);
  if (change == Limiter::Change::kNone) return;
  const bool over = change == Limiter::Change::kOver;
  // As the power-quality monitor's limit events: context 0 the duration, 1 the value.
  events_.record(LogGroup::kLimits, quality::event_code(over ? quality::EventType::kDemandOverLimit : quality::EventType::kDemandNormal, 0),
                 utc, limiter_.episode_s(), value);
  run_action(over ? limiter_.config().action_over : limiter_.config().action_under);
}

Relays::Outcome Meter::disconnector(Relays::Request request, double now_s) {
  namespace code = recording::event_code;
  const clock::UtcSeconds utc = utc_of(now_s);
  char t = 0;
  const Relays::Outcome outcome = relays_.request(request, static_cast<double>(utc), &t);
  if (outcome != Relays::Outcome::kChanged) return outcome;
  std::uint16_t c = 0;
  switch (t) {
    case 'a': c = code::kReadyForManualReconnection; break;
    case 'b': case 'c': c = code::kRemoteDisconnection; break;
    case 'd': c = code::kRemoteConnection; break;
    case 'e': c = code::kManualDisconnection; break;
    case 'f': c = code::kManualConnection; break;
    case 'g': c = code::kLocalDisconnection; break;
    default: c = code::kLocalReconnection; break;  // 'h'
  }
  events_.record(recording::LogGroup::kLimits, c, utc, 1.0);
  return outcome;
}

Status Meter::set_disconnect_control_mode(std::uint8_t mode, double now_s) {
  if (mode > Relays::kMaxControlMode) return Status::invalid("control_mode", "must be 0..6");
  if (mode == relays_.control_mode()) return Status::ok();
  relays_.set_control_mode(mode);
  parameters_changed(recording::obis_to_context(Obis(0, 0, 96, 3, 10)), now_s);
  return Status::ok();
}

Status Meter::run_output_script(std::uint16_t script, Relays::Source who, double now_s) {
  namespace code = recording::event_code;
  const bool remote = who == Relays::Source::kRemote;
  switch (script) {
    case 1:
    case 2: {
      using R = Relays::Request;
      const R r = script == 1 ? (remote ? R::kRemoteDisconnect : R::kLocalDisconnect)
                              : (remote ? R::kRemoteReconnect : R::kLocalReconnect);
      if (disconnector(r, now_s) == Relays::Outcome::kNotAllowed)
        return Status::error(StatusCode::kNotSupported, "0.0.96.3.10", "the control mode does not allow this transition");
      return Status::ok();
    }
    case 3:
    case 4: {
      const bool close = script == 3;
      const clock::UtcSeconds utc = utc_of(now_s);
      if (relays_.set_relay2(close, who, static_cast<double>(utc))) {
        events_.record(recording::LogGroup::kLimits, close ? code::kRelay2Closed : code::kRelay2Opened, utc, 2.0,
                       remote ? 0.0 : 1.0);
      }
      return Status::ok();
    }
    default: return Status::error(StatusCode::kOutOfRange, "0.0.10.0.103", "has scripts 1..4");
  }
}

}  // namespace quadra::meter
