#include "core/cosem/directory.h"

#include <array>
#include <string>

#include "core/cosem/association_object.h"
#include "core/cosem/clock_object.h"
#include "core/cosem/port_setup_objects.h"
#include "core/cosem/register_objects.h"

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
  objects_.push_back(std::make_unique<TextDataObject>(meter::Obis(1, 0, 0, 2, 0), config.firmware, true));
  if (config.invocation_counter != nullptr) {
    objects_.push_back(std::make_unique<FunctionDataObject>(meter::Obis(0, 0, 43, 1, 0), config.invocation_counter,
                                                            config.invocation_counter_context));
  }

  // Every register the meter has, with the class its OBIS code calls for.
  m.for_each_register([&](const meter::Obis& o, const meter::RegisterValue&) {
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
  for (const meter::Obis& o : {meter::Obis(0, 0, 97, 98, 0), meter::Obis(0, 0, 97, 98, 10), meter::Obis(0, 0, 96, 7, 21),
                               meter::Obis(0, 0, 96, 7, 9), meter::Obis(0, 0, 96, 7, 19), meter::Obis(0, 0, 96, 7, 20)}) {
    meter::RegisterValue v;
    if (m.read(o, v)) objects_.push_back(std::make_unique<MeterDataObject>(m, o));
  }

  // Profiles: the two load profiles, the billing profile, the seven logs.
  auto add_profile = [&](const meter::Obis& ln, std::unique_ptr<ProfileSource> src) {
    objects_.push_back(std::make_unique<ProfileObject>(ln, *src, m.rtc().time_zone()));
    sources_.push_back(std::move(src));
  };
  add_profile(meter::Obis(1, 0, 99, 1, 0), std::make_unique<LoadProfileSource>(m, 0));
  add_profile(meter::Obis(1, 0, 99, 2, 0), std::make_unique<LoadProfileSource>(m, 1));
  add_profile(meter::Obis(0, 0, 98, 1, 0), std::make_unique<BillingProfileSource>(m));
  for (std::size_t g = 0; g < recording::kLogGroupCount; ++g) {
    const auto group = static_cast<recording::LogGroup>(g);
    add_profile(recording::log_group_info(group).profile, std::make_unique<EventLogSource>(m, group));
  }

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
