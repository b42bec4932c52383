// A COSEM object as the DLMS server sees it: class id, version, logical name, and attributes and
// methods addressed by number. Attribute 1 (logical_name) is answered here for every class; each
// interface class answers the others from the meter's live state (the objects own no meter logic:
// they read the Meter and call its operations).
//
// Values are written as A-XDR straight into the response (AxdrWriter); a refused read, write or
// call is a DataAccessResult / ActionResult, as the GET/SET/ACTION responses carry them.
// Access rights are per association (association_object.h); the object only says what its class
// allows at most (read-only attributes are never writable, whoever asks).
#pragma once

#include <cstdint>
#include <span>

#include "core/common/obis.h"
#include "core/dlms/apdu.h"
#include "core/dlms/axdr_writer.h"
#include "core/dlms/data_type.h"

namespace quadra::cosem {

using dlms::ActionResult;
using dlms::AxdrWriter;
using dlms::DataAccessResult;

struct AssociationInfo;

// What a request is evaluated at: the meter time of the running loop, and the association asking.
struct RequestContext {
  double now_s = 0.0;
  const AssociationInfo* association = nullptr;
};

class CosemObject {
 public:
  CosemObject(std::uint16_t class_id, std::uint8_t version, const meter::Obis& logical_name)
      : class_id_(class_id), version_(version), ln_(logical_name) {}
  virtual ~CosemObject() = default;
  CosemObject(const CosemObject&) = delete;
  CosemObject& operator=(const CosemObject&) = delete;

  std::uint16_t class_id() const { return class_id_; }
  std::uint8_t version() const { return version_; }
  const meter::Obis& logical_name() const { return ln_; }
  virtual std::uint8_t attribute_count() const = 0;
  virtual std::uint8_t method_count() const { return 0; }
  // Which attributes a client may ever write, which methods exist for calling (by the class).
  virtual bool writable(std::uint8_t attribute) const {
    (void)attribute;
    return false;
  }
  // Whether an attribute takes selective access (profile buffers).
  virtual bool selectable(std::uint8_t attribute) const {
    (void)attribute;
    return false;
  }

  // GET: the attribute's Data value. On a refusal nothing is written.
  DataAccessResult get(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                       const RequestContext& ctx);
  // SET: `value` is one complete, validated A-XDR Data value.
  virtual DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) {
    (void)attribute;
    (void)value;
    (void)ctx;
    return DataAccessResult::kReadWriteDenied;
  }
  // ACTION: `parameters` is one Data value (or empty); a return value, if any, goes into `out`
  // and `has_data` is set.
  virtual ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter& out,
                              bool& has_data, const RequestContext& ctx) {
    (void)method;
    (void)parameters;
    (void)out;
    (void)ctx;
    has_data = false;
    return ActionResult::kObjectUnavailable;
  }

 protected:
  // Attribute >= 2, <= attribute_count(); access is present only where selectable() said so.
  virtual DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                         const RequestContext& ctx) = 0;

 private:
  std::uint16_t class_id_;
  std::uint8_t version_;
  meter::Obis ln_;
};

}  // namespace quadra::cosem
