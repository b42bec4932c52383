// The general-block-transfer APDU (GBT, IEC 62056-5-3 / Green Book 9.3.5 and 9.4.6.13), which
// carries any xDLMS APDU (plain or ciphered) cut into blocks, in either direction:
//
//   General-Block-Transfer ::= [224] IMPLICIT SEQUENCE {
//     block-control     Unsigned8     bit 7 last-block, bit 6 streaming, bits 5..0 window
//     block-number      Unsigned16    this party's block number (from 1)
//     block-number-ack  Unsigned16    the latest block received from the other party (0: none)
//     block-data        OCTET STRING  A-XDR length and octets; empty in a mere acknowledgement
//   }
//
//   E0 81 0001 0000 05 C0 01 C1 ...   a whole request in one block (last, window 1)
//
// Used when both parties have the conformance bit general-block-transfer (bit 2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/dlms/apdu.h"
#include "core/dlms/axdr_writer.h"

namespace quadra::dlms {

struct GeneralBlockTransfer {
  bool last_block = true;
  bool streaming = false;
  std::uint8_t window = 1;  // 0..63: how many blocks this party can receive before it acknowledges
  std::uint16_t block_number = 1;
  std::uint16_t block_number_ack = 0;
  std::span<const std::uint8_t> block_data;
};

// The octets a GBT APDU adds to block data of `size` octets (tag, control, numbers, length).
constexpr std::size_t gbt_overhead(std::size_t size) {
  return 1 + 1 + 2 + 2 + AxdrWriter::length_size(static_cast<std::uint32_t>(size));
}

// One whole GBT APDU; block_data points into `apdu`. kCorruption (field "general_block_transfer")
// for another tag, a cut or a block-data length that disagrees with the octets, trailing bytes.
Status decode_general_block_transfer(std::span<const std::uint8_t> apdu, GeneralBlockTransfer* out);

// Precondition: window <= 63.
void encode_general_block_transfer(AxdrWriter& w, const GeneralBlockTransfer& gbt);

}  // namespace quadra::dlms
