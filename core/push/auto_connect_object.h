// The Auto connect (interface class 29, version 2, Blue Book 4.7.5; 0.0.2.1.0.255) over the
// module's AutoConnectSettings (auto_connect.h). Attributes:
//   2 mode              enum (auto_connect.h lists the modes served)
//   3 repetitions       unsigned: further attempts after a failed one
//   4 repetition_delay  long-unsigned, seconds between attempts
//   5 calling_window    array of {start_time octet-string(12), end_time octet-string(12)}
//                       (COSEM date-times; the forms of the push setup's communication_window)
//   6 destination_list  array of octet-string, "host:port" each (TCP)
// Attributes 2..6 are writable (the access rights give them to the management client); a value
// of another type is type-unmatched, one validate() refuses other-reason, and neither changes
// anything. A write taken bumps generation and is logged as event 47 (parameters changed, context
// = this object's OBIS).
// Method 1 connect (data: integer 0) asks the module to connect by the mode's rules: refused with
// temporary-failure in mode 0 or while the module is removed; otherwise connect_requests is
// bumped and the host's module carries it out (host/cli/auto_connect.h).
#pragma once

#include "core/cosem/cosem_object.h"
#include "core/push/auto_connect.h"

namespace quadra::meter {
class Meter;
}

namespace quadra::push {

inline constexpr meter::Obis kAutoConnectLn{0, 0, 2, 1, 0};

class AutoConnectObject final : public cosem::CosemObject {
 public:
  // `settings`, `module_present` and `meter` outlive the object.
  AutoConnectObject(AutoConnectSettings& settings, const bool& module_present, meter::Meter& meter)
      : CosemObject(29, 2, kAutoConnectLn), s_(settings), present_(module_present), meter_(meter) {}
  std::uint8_t attribute_count() const override { return 6; }
  std::uint8_t method_count() const override { return 1; }
  bool writable(std::uint8_t attribute) const override { return attribute >= 2 && attribute <= 6; }
  cosem::DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value,
                              const cosem::RequestContext& ctx) override;
  cosem::ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, cosem::AxdrWriter& out,
                             bool& has_data, const cosem::RequestContext& ctx) override;

 protected:
  cosem::DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access,
                                        cosem::AxdrWriter& out, const cosem::RequestContext& ctx) override;

 private:
  AutoConnectSettings& s_;
  const bool& present_;
  meter::Meter& meter_;
};

// Reads one attribute value (2..6) into `settings`; false when the value is not of the
// attribute's type (or has more elements than the capacities).
bool read_auto_connect_attribute(std::uint8_t attribute, std::span<const std::uint8_t> value,
                                 AutoConnectSettings* settings);

}  // namespace quadra::push
