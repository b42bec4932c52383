// Association LN (class 15, version 2) and SAP assignment (class 17). 0.0.40.0.0.255 is "the
// current association" and answers for whichever association asks; 0.0.40.0.x.255 (x = 1, 2, 3)
// describe each configured association. Attribute 2 (object_list) lists every object the
// association's client sees with its access rights (association.h); 7 (secret) is never readable.
// Version 2 adds user identification (Green Book: the AARQ's calling-AE-invocation-id names a
// user_id):
//   10 user_list     array of structure { user_id unsigned, user_name visible-string }: the users
//                    the meter knows. The meter is configured with none, so the list is empty,
//                    no user is required, and a user_id a client names is taken as it comes
//                    (recorded, not checked); add_user / remove_user (methods 5, 6) are not served.
//   11 current_user  structure { user_id, user_name }: the user the asking association's AARQ
//                    named, with an empty name (no list to name it from); { 0, "" } when it named
//                    none, or, for 0.0.40.0.x, when the asking association is another one.
#pragma once

#include <cstddef>

#include "core/cosem/association.h"
#include "core/cosem/cosem_object.h"

namespace quadra::cosem {

class Directory;

class AssociationObject final : public CosemObject {
 public:
  // config null: the current association (0.0.40.0.0.255).
  AssociationObject(const meter::Obis& ln, const Directory& directory, const AssociationConfig* config)
      : CosemObject(15, 2, ln), directory_(directory), config_(config) {}
  std::uint8_t attribute_count() const override { return 11; }
  std::uint8_t method_count() const override { return 2; }
  ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter& out, bool& has_data,
                      const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  const Directory& directory_;
  const AssociationConfig* config_;
};

class SapAssignmentObject final : public CosemObject {
 public:
  // The logical device name is written as SAP 1's name (the meter is one logical device).
  explicit SapAssignmentObject(std::string_view logical_device_name);
  std::uint8_t attribute_count() const override { return 2; }

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  std::array<char, 16> name_{};
  std::size_t size_ = 0;
};

}  // namespace quadra::cosem
