// The Push setup (interface class 40, version 0: Blue Book 4.4.8 as in IEC 62056-6-2:2013) over a
// PushEngine. Attributes:
//   2 push_object_list              array of {class_id long-unsigned, logical_name octet-string(6),
//                                   attribute_index integer, data_index long-unsigned}
//   3 send_destination_and_method   {transport_service enum, destination octet-string, message enum}
//   4 communication_window          array of {start octet-string(12), end octet-string(12)}
//   5 randomisation_start_interval  long-unsigned, seconds
//   6 number_of_retries             unsigned
//   7 repetition_delay              long-unsigned, seconds
// Attributes 2..7 are writable (the access rights give them to the management client only); a
// write the engine refuses (push_settings.h validate) is other-reason and changes nothing; one
// taken is logged as event 47 (parameters changed, context = this object's OBIS).
// Method 1 push (data: integer 0) triggers a notification.
#pragma once

#include "core/cosem/cosem_object.h"
#include "core/push/push_engine.h"

namespace quadra::meter {
class Meter;
}

namespace quadra::push {

class PushSetupObject final : public cosem::CosemObject {
 public:
  PushSetupObject(meter::Meter& meter, PushEngine& engine)
      : CosemObject(40, 0, engine.logical_name()), meter_(meter), engine_(engine) {}
  std::uint8_t attribute_count() const override { return 7; }
  std::uint8_t method_count() const override { return 1; }
  bool writable(std::uint8_t attribute) const override { return attribute >= 2 && attribute <= 7; }
  cosem::DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                              const cosem::RequestContext& ctx) override;
  cosem::ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, cosem::AxdrWriter& out,
                             bool& has_data, const cosem::RequestContext& ctx) override;

 protected:
  cosem::DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access,
                                        cosem::AxdrWriter& out, const cosem::RequestContext& ctx) override;

 private:
  meter::Meter& meter_;
  PushEngine& engine_;
};

// Reads one attribute value (2..7) into `settings`; false when the value is not of the type the
// attribute has (or more elements than the capacities).
bool read_push_attribute(std::uint8_t attribute, std::span<const std::uint8_t> value, PushSettings* settings);

}  // namespace quadra::push
