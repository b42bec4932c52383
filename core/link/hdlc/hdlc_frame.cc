#include "core/link/hdlc/hdlc_frame.h"

#include "core/link/hdlc/crc16.h"

namespace quadra::hdlc {
namespace {

constexpr std::size_t kMinFrameLength = 7;  // format 2, addresses 1 + 1, control 1, FCS 2

// Decodes an address starting at bytes[pos]; advances pos. False when it has no end within
// 4 bytes or the frame, or is 3 bytes long.
bool decode_address(std::span<const std::uint8_t> bytes, std::size_t* pos, Address* out) {
  std::size_t n = 0;
  std::uint8_t raw[4] = {};
  while (true) {
    if (*pos + n >= bytes.size() || n == 4) return false;
    raw[n] = bytes[*pos + n];
    ++n;
    if ((raw[n - 1] & 0x01U) != 0) break;
  }
  Address a;
  a.size = static_cast<std::uint8_t>(n);
  switch (n) {
    case 1:
      a.upper = static_cast<std::uint16_t>(raw[0] >> 1);
      break;
    case 2:
      a.upper = static_cast<std::uint16_t>(raw[0] >> 1);
      a.lower = static_cast<std::uint16_t>(raw[1] >> 1);
      break;
    case 4:
      a.upper = static_cast<std::uint16_t>(((raw[0] >> 1) << 7) | (raw[1] >> 1));
      a.lower = static_cast<std::uint16_t>(((raw[2] >> 1) << 7) | (raw[3] >> 1));
      break;
    default:
      return false;
  }
  *pos += n;
  *out = a;
  return true;
}

std::size_t encode_address(const Address& a, std::uint8_t* out) {
  switch (a.size) {
    case 1:
      out[0] = static_cast<std::uint8_t>((a.upper << 1) | 0x01U);
      return 1;
    case 2:
      out[0] = static_cast<std::uint8_t>(a.upper << 1);
      out[1] = static_cast<std::uint8_t>((a.lower << 1) | 0x01U);
      return 2;
    default:
      out[0] = static_cast<std::uint8_t>((a.upper >> 7) << 1);
      out[1] = static_cast<std::uint8_t>((a.upper & 0x7FU) << 1);
      out[2] = static_cast<std::uint8_t>((a.lower >> 7) << 1);
      out[3] = static_cast<std::uint8_t>(((a.lower & 0x7FU) << 1) | 0x01U);
      return 4;
  }
}

void write_le16(std::uint8_t* p, std::uint16_t v) {
  p[0] = static_cast<std::uint8_t>(v & 0xFFU);
  p[1] = static_cast<std::uint8_t>(v >> 8);
}

}  // namespace

Status validate(const Address& a) {
  switch (a.size) {
    case 1:
      if (a.upper > 0x7F) return Status::invalid("hdlc.address", "a 1-byte address holds 7 bits (0..127)");
      if (a.lower != 0) return Status::invalid("hdlc.address", "a 1-byte address has no lower (physical) part");
      return Status::ok();
    case 2:
      if (a.upper > 0x7F || a.lower > 0x7F) {
        return Status::invalid("hdlc.address", "each part of a 2-byte address holds 7 bits (0..127)");
      }
      return Status::ok();
    case 4:
      if (a.upper > 0x3FFF || a.lower > 0x3FFF) {
        return Status::invalid("hdlc.address", "each part of a 4-byte address holds 14 bits (0..16383)");
      }
      return Status::ok();
    default:
      return Status::invalid("hdlc.address", "an HDLC address is 1, 2 or 4 bytes long");
  }
}

const char* frame_type_name(FrameType type) {
  switch (type) {
    case FrameType::kI: return "I";
    case FrameType::kRR: return "RR";
    case FrameType::kRNR: return "RNR";
    case FrameType::kSNRM: return "SNRM";
    case FrameType::kDISC: return "DISC";
    case FrameType::kUA: return "UA";
    case FrameType::kDM: return "DM";
    case FrameType::kFRMR: return "FRMR";
    case FrameType::kUI: return "UI";
  }
  return "?";
}

std::uint8_t encode_control(const Control& c) {
  const unsigned pf = c.poll_final ? 0x10U : 0x00U;
  const unsigned nr = (c.receive_seq & 0x07U) << 5;
  switch (c.type) {
    case FrameType::kI: return static_cast<std::uint8_t>(nr | pf | ((c.send_seq & 0x07U) << 1));
    case FrameType::kRR: return static_cast<std::uint8_t>(nr | pf | 0x01U);
    case FrameType::kRNR: return static_cast<std::uint8_t>(nr | pf | 0x05U);
    case FrameType::kSNRM: return static_cast<std::uint8_t>(0x83U | pf);
    case FrameType::kDISC: return static_cast<std::uint8_t>(0x43U | pf);
    case FrameType::kUA: return static_cast<std::uint8_t>(0x63U | pf);
    case FrameType::kDM: return static_cast<std::uint8_t>(0x0FU | pf);
    case FrameType::kFRMR: return static_cast<std::uint8_t>(0x87U | pf);
    case FrameType::kUI: return static_cast<std::uint8_t>(0x03U | pf);
  }
  return 0;
}

bool decode_control(std::uint8_t byte, Control* out) {
  Control c;
  c.poll_final = (byte & 0x10U) != 0;
  if ((byte & 0x01U) == 0) {
    c.type = FrameType::kI;
    c.send_seq = static_cast<std::uint8_t>((byte >> 1) & 0x07U);
    c.receive_seq = static_cast<std::uint8_t>(byte >> 5);
    *out = c;
    return true;
  }
  if ((byte & 0x0FU) == 0x01U || (byte & 0x0FU) == 0x05U) {
    c.type = (byte & 0x0FU) == 0x01U ? FrameType::kRR : FrameType::kRNR;
    c.receive_seq = static_cast<std::uint8_t>(byte >> 5);
    *out = c;
    return true;
  }
  switch (byte & 0xEFU) {
    case 0x83: c.type = FrameType::kSNRM; break;
    case 0x43: c.type = FrameType::kDISC; break;
    case 0x63: c.type = FrameType::kUA; break;
    case 0x0F: c.type = FrameType::kDM; break;
    case 0x87: c.type = FrameType::kFRMR; break;
    case 0x03: c.type = FrameType::kUI; break;
    default: return false;
  }
  *out = c;
  return true;
}

Status frame_error_status(FrameError error) {
  switch (error) {
    case FrameError::kNone: return Status::ok();
    case FrameError::kTooShort:
      return Status::invalid("hdlc.frame", "shorter than the smallest frame (7 bytes between the flags)");
    case FrameError::kFormatType: return Status::invalid("hdlc.frame.format", "not frame format type 3 (0xA)");
    case FrameError::kLengthMismatch:
      return Status::invalid("hdlc.frame.format", "the length field disagrees with the bytes between the flags");
    case FrameError::kAddress:
      return Status::invalid("hdlc.frame.address", "an address must end (extension bit 1) after 1, 2 or 4 bytes");
    case FrameError::kControl: return Status::invalid("hdlc.frame.control", "a control field IEC 62056-46 does not use");
    case FrameError::kHcs: return Status::error(StatusCode::kCorruption, "hdlc.frame.hcs", "header check sequence wrong");
    case FrameError::kFcs: return Status::error(StatusCode::kCorruption, "hdlc.frame.fcs", "frame check sequence wrong");
    case FrameError::kMalformed:
      return Status::invalid("hdlc.frame", "after the control field comes the FCS, or an HCS, information and the FCS");
  }
  return Status::invalid("hdlc.frame", "unknown error");
}

FrameError decode_frame(std::span<const std::uint8_t> bytes, Frame* out) {
  if (bytes.size() < kMinFrameLength) return FrameError::kTooShort;
  if ((bytes[0] & 0xF0U) != 0xA0U) return FrameError::kFormatType;
  const std::size_t length = (static_cast<std::size_t>(bytes[0] & 0x07U) << 8) | bytes[1];
  if (length != bytes.size()) return FrameError::kLengthMismatch;
  if (crc16_update(kCrc16Init, bytes) != kCrc16Good) return FrameError::kFcs;

  Frame f;
  f.segmented = (bytes[0] & 0x08U) != 0;
  std::size_t pos = 2;
  const std::span<const std::uint8_t> before_fcs = bytes.first(bytes.size() - 2);
  if (!decode_address(before_fcs, &pos, &f.destination)) return FrameError::kAddress;
  if (!decode_address(before_fcs, &pos, &f.source)) return FrameError::kAddress;
  if (pos >= before_fcs.size()) return FrameError::kTooShort;
  f.control_byte = bytes[pos];
  if (!decode_control(bytes[pos], &f.control)) {
    *out = f;  // the addresses, so that a station can answer FRMR to its peer
    return FrameError::kControl;
  }
  ++pos;
  const std::size_t rest = bytes.size() - pos;  // HCS + info + FCS, or FCS alone
  if (rest != 2) {
    if (rest <= 4) return FrameError::kMalformed;
    if (crc16_update(kCrc16Init, bytes.first(pos + 2)) != kCrc16Good) return FrameError::kHcs;
    f.info = bytes.subspan(pos + 2, rest - 4);
  }
  *out = f;
  return FrameError::kNone;
}

std::size_t encoded_size(const Frame& frame) {
  std::size_t n = 1 + 2 + frame.destination.size + frame.source.size + 1 + 2 + 1;
  if (!frame.info.empty()) n += 2 + frame.info.size();
  return n;
}

Status encode_frame(const Frame& frame, std::span<std::uint8_t> out, std::size_t* written) {
  *written = 0;
  if (Status s = validate(frame.destination); !s) return s;
  if (Status s = validate(frame.source); !s) return s;
  const std::size_t total = encoded_size(frame);
  if (total - 2 > kMaxFrameLength) {
    return Status::invalid("hdlc.frame.info", "the frame would exceed 2047 bytes between its flags");
  }
  if (out.size() < total) return Status::error(StatusCode::kCapacity, "hdlc.frame", "output buffer too small");
  const std::size_t length = total - 2;
  std::uint8_t* p = out.data();
  p[0] = kFlag;
  p[1] = static_cast<std::uint8_t>(0xA0U | (frame.segmented ? 0x08U : 0x00U) | ((length >> 8) & 0x07U));
  p[2] = static_cast<std::uint8_t>(length & 0xFFU);
  std::size_t pos = 3;
  pos += encode_address(frame.destination, p + pos);
  pos += encode_address(frame.source, p + pos);
  p[pos++] = encode_control(frame.control);
  if (!frame.info.empty()) {
    write_le16(p + pos, crc16_x25(std::span<const std::uint8_t>(p + 1, pos - 1)));
    pos += 2;
    for (const std::uint8_t b : frame.info) p[pos++] = b;
  }
  write_le16(p + pos, crc16_x25(std::span<const std::uint8_t>(p + 1, pos - 1)));
  pos += 2;
  p[pos++] = kFlag;
  *written = pos;
  return Status::ok();
}

}  // namespace quadra::hdlc
