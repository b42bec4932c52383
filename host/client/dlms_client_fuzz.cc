// libFuzzer target: the client's reading of a server's answers. The input is a script of
// answers, each a 2-octet big-endian length and that many octets; the client associates (no
// security; or, when the first input octet is odd, HLS-GMAC with ciphering under the Green Book
// keys) and then GETs (following block transfer), SETs, ACTs and releases, each answer taken from
// the script in turn. Every malformed or refused answer must end in ClientError, never a crash,
// a hang or unbounded memory.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <vector>

#include "host/client/data_text.h"
#include "host/client/dlms_client.h"

namespace {

using quadra::client::ClientError;

class ScriptTransport : public quadra::client::Transport {
 public:
  std::deque<std::vector<std::uint8_t>> answers;
  void send(std::span<const std::uint8_t>) override {}
  std::vector<std::uint8_t> receive() override {
    if (answers.empty()) throw ClientError("end of script");
    std::vector<std::uint8_t> a = std::move(answers.front());
    answers.pop_front();
    return a;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool secure = (data[0] & 1) != 0;
  ScriptTransport t;
  for (std::size_t p = 1; p + 2 <= size;) {
    const std::size_t n = static_cast<std::size_t>(data[p] << 8 | data[p + 1]);
    p += 2;
    const std::size_t take = n < size - p ? n : size - p;
    t.answers.emplace_back(data + p, data + p + take);
    p += take;
  }
  quadra::client::ClientConfig cfg;
  cfg.max_value_size = 1 << 20;
  if (secure) {
    cfg.authentication = quadra::client::Authentication::kHigh;
    cfg.keys = true;
    cfg.ciphering = true;
    cfg.system_title = {0x4D, 0x4D, 0x4D, 0, 0, 0, 0, 1};
    for (std::uint8_t i = 0; i < 16; ++i) {
      cfg.block_cipher_key[i] = i;
      cfg.authentication_key[i] = static_cast<std::uint8_t>(0xD0 + i);
    }
    cfg.challenge = {'K', '5', '6', 'i', 'V', 'a', 'g', 'Y'};
    cfg.invocation_counter = 0;
  }
  quadra::client::DlmsClient client(t, cfg);
  try {
    client.associate();
  } catch (const ClientError&) {
    return 0;
  }
  const quadra::dlms::AttributeDescriptor clock{8, {0, 0, 1, 0, 0, 255}, 2};
  try {
    const std::vector<std::uint8_t> v = client.get(clock);
    (void)quadra::client::tree_text(quadra::client::parse_data(v));
  } catch (const ClientError&) {
  }
  try {
    const std::uint8_t value[] = {0x11, 0x05};
    client.set(clock, value);
  } catch (const ClientError&) {
  }
  try {
    (void)client.action({8, {0, 0, 1, 0, 0, 255}, 1}, {});
  } catch (const ClientError&) {
  }
  try {
    client.release();
  } catch (const ClientError&) {
  }
  return 0;
}
