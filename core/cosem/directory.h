// The meter's COSEM objects, built once at start-up from the Meter (every register it has, its
// profiles and logs, the clock) and the configured associations; looked up by class and logical
// name for every request. The objects read and drive the Meter; they hold no meter state.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "core/cosem/association.h"
#include "core/cosem/cosem_object.h"
#include "core/cosem/image_store.h"
#include "core/cosem/image_transfer_object.h"
#include "core/cosem/profile_object.h"
#include "core/cosem/security_setup_object.h"
#include "core/io/port_settings.h"
#include "core/meter/meter.h"

namespace quadra::cosem {

struct DirectoryConfig {
  std::string_view serial_number = "QDR00000001";  // 0.0.96.1.0; the logical device name is "QDR" + it
  std::string_view firmware = "quadra-0.1.0";       // 1.0.0.2.0
  std::span<const AssociationConfig> associations;
  // 0.0.43.1.0.255, the invocation counter the management client must use next (readable by the
  // public client, so that a client that lost count can resume); absent when null.
  std::uint32_t (*invocation_counter)(const void* context) = nullptr;
  const void* invocation_counter_context = nullptr;
  // The optical port's readout list, served as 0.0.21.0.0.255 (readout_profile.h); absent when empty.
  std::span<const meter::Obis> local_readout{};
  // The same, writable by the management client (readout_profile.h); takes the place of
  // local_readout when set. Outlives the directory.
  io::ReadoutList* local_readout_list = nullptr;
  // 0.0.43.0.0.255 Security setup over the meter's security material; absent when null.
  SecuritySetupPort* security_setup = nullptr;
  // The ports' settings, for the local port and HDLC setup objects (0.0.20.0.e, 0.b.22.0.0);
  // absent when null. Outlives the directory; the objects change it on a client's write.
  io::PortSettings* ports = nullptr;
  // 1.0.0.2.8.255 active firmware signature (class 1, octet-string, at most 48 octets): what the
  // platform computed over the running image (the host: SHA-256 of its executable); absent when
  // empty.
  std::span<const std::uint8_t> firmware_signature{};
  // The firmware image area (image_store.h; outlives the directory). When set, the directory
  // serves the Image transfer 0.0.44.0.0.255, the Image activation script table 0.0.10.0.107.255
  // and single action schedule 0.0.15.0.2.255, and 1.0.0.2.0 / 1.0.0.2.8 become the image
  // transfer's active firmware (`firmware` and `firmware_signature` until an image is activated);
  // absent when null.
  ImageStore* image_store = nullptr;
};

class Directory {
 public:
  // Allocates every object. The meter, config's associations and strings must outlive it.
  Directory(meter::Meter& meter, const DirectoryConfig& config);

  // Adds an object built outside the directory (push setups, communication setups: modules that
  // sit beside the COSEM model). At start-up only, before the first request.
  void add(std::unique_ptr<CosemObject> object) { objects_.push_back(std::move(object)); }

  // The object of that class and name, or null.
  CosemObject* find(std::uint16_t class_id, const meter::Obis& ln) const;
  // Some object of that name (to tell "no such object" from "wrong class").
  CosemObject* find_name(const meter::Obis& ln) const;
  std::span<const std::unique_ptr<CosemObject>> objects() const { return objects_; }
  std::span<const AssociationConfig> associations() const { return associations_; }
  const meter::Meter& meter() const { return meter_; }
  // The Image transfer object when an image store was configured, else null (the host polls its
  // activation schedule with the meter's loop).
  ImageTransferObject* image_transfer() const { return image_transfer_; }

 private:
  meter::Meter& meter_;
  std::span<const AssociationConfig> associations_;
  std::vector<std::unique_ptr<ProfileSource>> sources_;
  std::vector<std::unique_ptr<CosemObject>> objects_;
  ImageTransferObject* image_transfer_ = nullptr;
};

}  // namespace quadra::cosem
