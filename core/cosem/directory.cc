#include "core/cosem/directory.h"

#include <array>
#include <string>

#include "core/cosem/activity_calendar_object.h"
#include "core/cosem/association_object.h"
#include "core/cosem/clock_object.h"
#include "core/cosem/disconnect_control_object.h"
#include "core/cosem/register_activation_object.h"
#include "core/cosem/monitor_objects.h"
#include "core/cosem/readout_profile.h"
#include "core/cosem/port_setup_objects.h"
#include "core/cosem/register_objects.h"
#include "core/cosem/script_table_object.h"
#include "core/cosem/single_action_schedule_object.h"
#include "core/cosem/special_days_object.h"
#include "core/cosem/status_register_object.h"

namespace quadra::cosem {

Directory::Directory(meter::Meter& m, const DirectoryConfig& config) : meter_(m), associations_(config.associations) {
  objects_.push_back(std::make_unique<ClockObject>(m));
  objects_.push_back(std::make_unique<AssociationObject>(meter::Obis(0, 0, 40, 0, 0), *this, nullptr));
  for (const AssociationConfig& a : config.associations)
    objects_.push_back(std::make_unique<AssociationObject>(a.ln, *this, &a));
  // The logical device name: the manufacturer's three letters and the serial number (<= 16 octets).
  std::array<char, 16> ldn{};  // copied by the objects below
  std::size_t n = 0;
  for (char c : std::string_view("QDR")) ldn[n++] = c;
  for (char c : config.serial_number) {
    if (n < ldn.size()) ldn[n++] = c;
  }
  const std::string_view name(ldn.data(), n);
  objects_.push_back(std::make_unique<SapAssignmentObject>(name));
  objects_.push_back(std::make_unique<TextDataObject>(meter::Obis(0, 0, 42, 0, 0), name, false));
  objects_.push_back(std::make_unique<TextDataObject>(meter::Obis(0, 0, 96, 1, 0), config.serial_number, true));
  if (config.image_store != nullptr) {
    // The firmware image: transfer, activation script and schedule, and the active firmware.
    auto image = std::make_unique<ImageTransferObject>(m, *config.image_store, config.firmware, config.firmware_signature);
    image_transfer_ = image.get();
    objects_.push_back(std::move(image));
    objects_.push_back(std::make_unique<ScriptTableObject>(m, *image_transfer_));
    objects_.push_back(std::make_unique<SingleActionScheduleObject>(m, *image_transfer_));
    objects_.push_back(std::make_unique<ActiveFirmwareObject>(*image_transfer_, ActiveFirmwareObject::Kind::kIdentifier));
    if (!image_transfer_->active_signature().empty())
      objects_.push_back(std::make_unique<ActiveFirmwareObject>(*image_transfer_, ActiveFirmwareObject::Kind::kSignature));
  } else {
    objects_.push_back(std::make_unique<TextDataObject>(meter::Obis(1, 0, 0, 2, 0), config.firmware, true));
  }
  if (config.image_store == nullptr && !config.firmware_signature.empty() &&
      config.firmware_signature.size() <= TextDataObject::kMaxText) {
    const std::string_view signature(reinterpret_cast<const char*>(config.firmware_signature.data()),
                                     config.firmware_signature.size());
    objects_.push_back(std::make_unique<TextDataObject>(meter::Obis(1, 0, 0, 2, 8), signature, false));
  }
  if (config.invocation_counter != nullptr) {
    objects_.push_back(std::make_unique<FunctionDataObject>(meter::Obis(0, 0, 43, 1, 0), config.invocation_counter,
                                                            config.invocation_counter_context));
  }
  // Security: the Security setup of the ciphered associations.
  if (config.security_setup != nullptr)
    objects_.push_back(std::make_unique<SecuritySetupObject>(meter::Obis(0, 0, 43, 0, 0), *config.security_setup));

  // Every register the meter has, with the class its OBIS code calls for.
  m.for_each_register([&](const meter::Obis& o, const meter::RegisterValue&) {
    std::size_t slot = 0;
    if (meter::find_parameter(o, &slot) != nullptr) {  // writable (1.0.1.35.E): see the block below
      objects_.push_back(std::make_unique<ParameterObject>(m, o, 3));
      return;
    }
    if (o == meter::Obis(0, 0, 97, 97, 0)) {  // the error register: a head end resets it
      objects_.push_back(std::make_unique<StatusRegisterObject>(m, o));
      return;
    }
    switch (register_class(o)) {
      case 1: objects_.push_back(std::make_unique<MeterDataObject>(m, o)); break;
      case 4: objects_.push_back(std::make_unique<ExtendedRegisterObject>(m, o)); break;
      case 5: objects_.push_back(std::make_unique<DemandRegisterObject>(m, o)); break;
      default: objects_.push_back(std::make_unique<RegisterObject>(m, o)); break;
    }
  });
  // The event recorder's counters, codes and alarm objects.
  for (std::uint8_t g = 0; g < 7; ++g) {
    for (const meter::Obis& o : {meter::Obis(0, 0, 96, 11, g), meter::Obis(0, 0, 96, 15, g)}) {
      meter::RegisterValue v;
      if (m.read(o, v)) objects_.push_back(std::make_unique<MeterDataObject>(m, o));
    }
  }
  objects_.push_back(std::make_unique<StatusRegisterObject>(m, meter::Obis(0, 0, 97, 98, 0)));
  for (const meter::Obis& o : {meter::Obis(0, 0, 96, 7, 21), meter::Obis(0, 0, 96, 7, 9)}) {
    meter::RegisterValue v;
    if (m.read(o, v)) objects_.push_back(std::make_unique<MeterDataObject>(m, o));
  }
  {
    // The duration of long power failures: a time, so a Register in seconds (scaler 0).
    const meter::Obis o(0, 0, 96, 7, 19);
    meter::RegisterValue v;
    if (m.read(o, v)) objects_.push_back(std::make_unique<RegisterObject>(m, o));
  }

  // The tariff program: calendar, special days, register activation, scripts, billing schedule,
  // and the tariff in force.
  objects_.push_back(std::make_unique<ActivityCalendarObject>(m));
  objects_.push_back(std::make_unique<SpecialDaysObject>(m));
  objects_.push_back(std::make_unique<RegisterActivationObject>(m, RegisterActivationObject::Kind::kEnergy));
  objects_.push_back(std::make_unique<RegisterActivationObject>(m, RegisterActivationObject::Kind::kDemand));
  objects_.push_back(std::make_unique<ScriptTableObject>(m, ScriptTableObject::Kind::kTariffication));
  objects_.push_back(std::make_unique<ScriptTableObject>(m, ScriptTableObject::Kind::kBillingReset));
  objects_.push_back(std::make_unique<SingleActionScheduleObject>(m));
  objects_.push_back(std::make_unique<CurrentTariffObject>(m));

  // Monitoring, writable parameters and the other objects of the object list (shared spec
  // objects.csv; core/cosem/directory_test.cc checks the whole list).
  for (std::size_t k = 0; k < meter::kRegisterMonitorCount; ++k) objects_.push_back(std::make_unique<RegisterMonitorObject>(m, k));
  objects_.push_back(std::make_unique<LimiterObject>(m));
  // The relay outputs: the disconnector (relay 1) and the set output signals scripts.
  objects_.push_back(std::make_unique<DisconnectControlObject>(m));
  objects_.push_back(std::make_unique<ScriptTableObject>(m, ScriptTableObject::Kind::kOutputSignals));
  objects_.push_back(std::make_unique<SingleActionScheduleObject>(m, SingleActionScheduleObject::Kind::kOutputControl));
  for (const meter::ParameterInfo& p : meter::kParameters) {
    if (p.id == meter::Parameter::kOverLimitThreshold) continue;  // 1.0.1.35.E: with the registers above
    // Class 1 for the alarm filter (a bit mask); class 3, with its unit, for the thresholds.
    const bool data = p.id == meter::Parameter::kAlarmFilter;
    objects_.push_back(std::make_unique<ParameterObject>(m, p.obis, data ? 1 : 3));
  }
  for (const meter::Obis& o : {meter::Obis(1, 0, 0, 9, 1), meter::Obis(1, 0, 0, 9, 2), meter::Obis(0, 0, 96, 2, 1),
                               meter::Obis(1, 0, 0, 1, 2)})
    objects_.push_back(std::make_unique<TimeDataObject>(m, o));
  {
    // Registers (class 3) and Data (class 1) the meter reads outside for_each_register.
    const meter::Obis registers[] = {
        meter::Obis(1, 0, 0, 8, 0),  meter::Obis(1, 0, 0, 8, 4),  meter::Obis(1, 0, 0, 8, 5),
        meter::Obis(1, 0, 0, 3, 0),   meter::Obis(1, 0, 0, 4, 2),  meter::Obis(1, 0, 0, 4, 3),  meter::Obis(1, 0, 90, 7, 0),
        meter::Obis(1, 0, 32, 34, 0), meter::Obis(1, 0, 52, 34, 0), meter::Obis(1, 0, 72, 34, 0), meter::Obis(1, 0, 32, 38, 0),
        meter::Obis(1, 0, 52, 38, 0), meter::Obis(1, 0, 72, 38, 0), meter::Obis(1, 0, 124, 7, 0), meter::Obis(1, 0, 125, 7, 0),
        meter::Obis(1, 0, 126, 7, 0), meter::Obis(1, 0, 91, 7, 0),  meter::Obis(1, 0, 13, 7, 0),  meter::Obis(1, 0, 33, 7, 0),
        meter::Obis(1, 0, 53, 7, 0),  meter::Obis(1, 0, 73, 7, 0),  meter::Obis(1, 0, 81, 7, 4),  meter::Obis(1, 0, 81, 7, 15),
        meter::Obis(1, 0, 81, 7, 26), meter::Obis(1, 0, 12, 7, 128), meter::Obis(1, 0, 32, 7, 124), meter::Obis(1, 0, 52, 7, 124),
        meter::Obis(1, 0, 72, 7, 124), meter::Obis(1, 0, 31, 7, 124), meter::Obis(1, 0, 51, 7, 124), meter::Obis(1, 0, 71, 7, 124),
        // The last dip, swell and cut: duration, magnitude, phases (meter/quality_profiles.h).
        meter::Obis(1, 0, 12, 33, 0), meter::Obis(1, 0, 12, 34, 0), meter::Obis(1, 0, 12, 32, 128),
        meter::Obis(1, 0, 12, 37, 0), meter::Obis(1, 0, 12, 38, 0), meter::Obis(1, 0, 12, 36, 128),
        meter::Obis(1, 0, 12, 41, 0), meter::Obis(1, 0, 12, 42, 0), meter::Obis(1, 0, 12, 40, 128),
        // Transformer model parameters (read-only: the loss model is configuration, see
        // transformer_model.h), while the losses are on.
        meter::Obis(1, 0, 0, 10, 0), meter::Obis(1, 0, 0, 10, 1), meter::Obis(1, 0, 0, 10, 2), meter::Obis(1, 0, 0, 10, 3),
        // The pulse input (when configured) and the RTC back-up battery.
        meter::Obis(1, 0, 82, 8, 0), meter::Obis(1, 0, 0, 7, 5), meter::Obis(0, 0, 96, 6, 3), meter::Obis(0, 0, 96, 6, 0),
        meter::Obis(0, 0, 96, 6, 6)};
    const meter::Obis data[] = {
        meter::Obis(0, 0, 96, 2, 0),   meter::Obis(0, 0, 96, 20, 0),  meter::Obis(0, 0, 96, 20, 5),
        meter::Obis(0, 0, 96, 20, 15), meter::Obis(0, 0, 96, 3, 1),  meter::Obis(0, 0, 96, 3, 2),
        meter::Obis(1, 0, 32, 32, 0),  meter::Obis(1, 0, 52, 32, 0),  meter::Obis(1, 0, 72, 32, 0),
        meter::Obis(1, 0, 32, 36, 0),  meter::Obis(1, 0, 52, 36, 0),  meter::Obis(1, 0, 72, 36, 0),
        meter::Obis(1, 0, 96, 10, 0),  meter::Obis(1, 0, 96, 10, 1),  meter::Obis(1, 0, 96, 10, 2),
        meter::Obis(1, 0, 0, 1, 0),    meter::Obis(0, 0, 97, 98, 20)};
    meter::RegisterValue v;
    for (const meter::Obis& o : registers) {
      if (m.read(o, v)) objects_.push_back(std::make_unique<RegisterObject>(m, o));
    }
    for (const meter::Obis& o : data) {
      if (m.read(o, v)) objects_.push_back(std::make_unique<MeterDataObject>(m, o));
    }
    // Harmonics by order, voltage and current of each phase, h = 1..40 (240 registers).
    for (std::uint8_t c : std::array<std::uint8_t, 6>{32, 52, 72, 31, 51, 71}) {
      for (unsigned h = 1; h <= meter::kServedHarmonicOrder; ++h)
        objects_.push_back(std::make_unique<RegisterObject>(m, meter::Obis(1, 0, c, 7, static_cast<std::uint8_t>(h))));
    }
  }

  // Profiles: the two load profiles, the billing profiles (monthly, daily), the power-quality
  // profiles, the seven logs.
  auto add_profile = [&](const meter::Obis& ln, std::unique_ptr<ProfileSource> src) {
    objects_.push_back(std::make_unique<ProfileObject>(ln, *src, m.rtc().time_zone()));
    sources_.push_back(std::move(src));
  };
  add_profile(meter::Obis(1, 0, 99, 1, 0), std::make_unique<LoadProfileSource>(m, 0));
  add_profile(meter::Obis(1, 0, 99, 2, 0), std::make_unique<LoadProfileSource>(m, 1));
  add_profile(meter::Obis(0, 0, 98, 1, 0), std::make_unique<BillingProfileSource>(m, m.billing()));
  add_profile(meter::Obis(0, 0, 98, 2, 0), std::make_unique<BillingProfileSource>(m, m.daily_billing()));
  add_profile(meter::kUnbalanceProfile, std::make_unique<LoadProfileSource>(m, 2));
  add_profile(meter::kPowerQualityProfile, std::make_unique<LoadProfileSource>(m, 3));
  add_profile(meter::kDipsProfile, std::make_unique<VoltageEventProfileSource>(m, meter::VoltageEventKind::kDip));
  add_profile(meter::kSwellsProfile, std::make_unique<VoltageEventProfileSource>(m, meter::VoltageEventKind::kSwell));
  add_profile(meter::kCutsProfile, std::make_unique<VoltageEventProfileSource>(m, meter::VoltageEventKind::kCut));
  for (std::size_t g = 0; g < recording::kLogGroupCount; ++g) {
    const auto group = static_cast<recording::LogGroup>(g);
    add_profile(recording::log_group_info(group).profile, std::make_unique<EventLogSource>(m, group));
  }
  if (config.local_readout_list != nullptr)
    add_profile(meter::Obis(0, 0, 21, 0, 0), std::make_unique<ReadoutProfileSource>(*this, m, *config.local_readout_list));
  else if (!config.local_readout.empty())
    add_profile(meter::Obis(0, 0, 21, 0, 0), std::make_unique<ReadoutProfileSource>(*this, m, config.local_readout));
  // The display readouts: general (auto-scroll), alternate (button), service (display_lists.h).
  for (std::size_t k = 0; k < meter::kDisplayListCount; ++k)
    add_profile(meter::display_readout_obis(k), std::make_unique<ReadoutProfileSource>(*this, m, k));

  // The communication ports' setup objects over their live settings (port_setup_objects.h).
  if (config.ports != nullptr) {
    io::PortSettings& p = *config.ports;
    objects_.push_back(std::make_unique<LocalPortSetupObject>(meter::Obis(0, 0, 20, 0, 0), p.optical, m));
    objects_.push_back(std::make_unique<LocalPortSetupObject>(meter::Obis(0, 0, 20, 0, 1), p.electrical, m));
    for (std::size_t b = 0; b < p.hdlc.size(); ++b)
      objects_.push_back(
          std::make_unique<HdlcSetupObject>(meter::Obis(0, static_cast<std::uint8_t>(b), 22, 0, 0), p.hdlc[b], m));
  }
}

CosemObject* Directory::find(std::uint16_t class_id, const meter::Obis& ln) const {
  for (const std::unique_ptr<CosemObject>& o : objects_) {
    if (o->class_id() == class_id && o->logical_name() == ln) return o.get();
  }
  return nullptr;
}

CosemObject* Directory::find_name(const meter::Obis& ln) const {
  for (const std::unique_ptr<CosemObject>& o : objects_) {
    if (o->logical_name() == ln) return o.get();
  }
  return nullptr;
}

}  // namespace quadra::cosem
