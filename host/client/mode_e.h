// The client's side of the IEC 62056-21 opening sequence that switches an optical port to
// DLMS/COSEM over HDLC (protocol mode E), on a serial device (the meter's optical port pty, or
// an optical head):
//
//   300 Bd 7E1   client  / ? ! CR LF
//                meter   / X X X Z \ 2 ident CR LF      (\2: mode E offered; Z its baud rate)
//                client  ACK 2 Z 2 CR LF               (protocol control 2: HDLC, rate Z)
//                meter   ACK 2 Z 2 CR LF               (an acknowledgement some meters send)
//   Z Bd 8N1     HDLC
//
// The client waits the standard's reaction time (200 ms) before its option select.
#pragma once

#include <string>

#include "host/client/byte_stream.h"

namespace quadra::client {

// Opens `path`, signs on and selects mode E; returns the stream at the meter's HDLC rate and
// sets *identification to the meter's identification line (without CR LF). ClientError: the
// device does not open, no identification within `timeout_ms`, an identification without mode
// E ("\2") or with a baud rate character other than 0..6.
ByteStream open_mode_e(const std::string& path, int timeout_ms, std::string* identification);

}  // namespace quadra::client
