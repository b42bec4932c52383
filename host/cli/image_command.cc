// `quadra image make`: a Quadra firmware package (core/cosem/firmware_package.h) from any file.
#include <mbedtls/sha256.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

#include "core/cosem/firmware_package.h"
#include "core/cosem/image_transfer_object.h"
#include "host/cli/commands.h"
#include "host/cli/meta_store.h"

namespace quadra::host {

ImageMade make_image(const ImageMakeOptions& options) {
  std::ifstream in(options.in_path, std::ios::binary);
  if (!in) throw std::runtime_error(options.in_path + ": cannot be read");
  const std::vector<std::uint8_t> payload((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw std::runtime_error(options.in_path + ": read error");
  std::array<std::uint8_t, cosem::kMaxPackageHeader> header{};
  const std::size_t header_size =
      cosem::encode_package_header(options.identifier, static_cast<std::uint32_t>(payload.size()), {}, header);
  if (header_size == 0)
    throw std::invalid_argument("--identifier: \"" + options.identifier + "\" must be 1.." +
                                std::to_string(cosem::kMaxIdentifier) + " printable ASCII characters");
  const std::size_t total = header_size + payload.size();
  if (total > cosem::ImageTransferObject::kMaxImageBytes)
    throw std::invalid_argument(options.in_path + ": " + std::to_string(payload.size()) +
                                " octets make a package of " + std::to_string(total) + " octets; the meter takes " +
                                std::to_string(cosem::ImageTransferObject::kMaxImageBytes) + " at most");
  ImageMade made;
  if (mbedtls_sha256_ret(payload.data(), payload.size(), made.payload_sha256.data(), 0) != 0)
    throw std::runtime_error("SHA-256 failed");
  made.size = total;
  (void)cosem::encode_package_header(options.identifier, static_cast<std::uint32_t>(payload.size()), made.payload_sha256,
                                     header);
  std::ofstream out(options.out_path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(header.data()), static_cast<std::streamsize>(header_size));
  out.write(reinterpret_cast<const char*>(payload.data()), static_cast<std::streamsize>(payload.size()));
  out.close();
  if (!out) throw std::runtime_error(options.out_path + ": cannot be written");
  return made;
}

int make_image_command(const ImageMakeOptions& options) {
  const ImageMade made = make_image(options);
  std::printf("%s: firmware package \"%s\", %zu octets (%zu blocks of %u), payload SHA-256 %s\n",
              options.out_path.c_str(), options.identifier.c_str(), made.size,
              (made.size + cosem::ImageTransferObject::kBlockSize - 1) / cosem::ImageTransferObject::kBlockSize,
              cosem::ImageTransferObject::kBlockSize, to_hex(made.payload_sha256).c_str());
  return 0;
}

}  // namespace quadra::host
