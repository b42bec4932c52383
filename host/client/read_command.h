// `quadra read HOST:PORT OBIS [ATTR]`: one association with a DLMS/COSEM server, one request,
// the answer printed, release. The link: the TCP wrapper (default), HDLC over TCP (--hdlc), or
// HDLC on a serial device (--serial PATH [--baud N], no HOST:PORT then):
//
//   quadra read --hdlc 127.0.0.1:4061 1.0.1.8.0.255     HDLC over TCP (the meter's --hdlc-tcp)
//   quadra read --serial /dev/pts/3 --baud 9600 1.0.1.8.0.255
//   quadra read --optical quadra-data/optical 1.0.1.8.0.255   sign-on, mode E, then HDLC
//
// Over HDLC the client address is --client (16 public, 17 LLS, 1 management) and the server's
// is --server (logical device, upper address, default 1) with --physical (lower address,
// default 16 = 0x0010, the meter's device_address) in a 4-byte address; --address-size 1 sends
// the logical address alone, as the Gurux client does with -s 1.
//
//   quadra read 127.0.0.1:4059 0.0.1.0.0.255            the clock (class 8, attribute 2)
//   quadra read H 1.0.1.8.0.255                        a register: attribute 2 with attribute 3's
//                                                      scaler and unit applied ("12345.678 Wh")
//   quadra read H --object-list                        0.0.40.0.0.255 attribute 2, one line each
//   quadra read H --profile 1.0.99.1.0.255 --from 2026-01-01T00:00 --to 2026-01-02T00:00 --csv
//   quadra read H --profile 1.0.99.1.0.255 --entries 1..10
//   quadra read H 0.0.1.0.0.255 2 --set 2026-01-01T12:00:00 --type date-time
//   quadra read H 0.0.10.0.1.255 --class 9 --action 1 --param 1 --type long-unsigned
//
// With ciphering the invocation counter must exceed the last one the server accepted (a server
// refuses replays, across associations too): by default it is read from 0.0.43.1.0.255.
// The class comes from default_class() unless --class is given. --hex prints every APDU on
// stderr ("> C0 01 C1 ...", "< C4 01 C1 ...", ciphered ones also as ">p"/"<p" plain).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "host/client/data_text.h"
#include "host/client/dlms_client.h"

namespace quadra::client {

struct ReadOptions {
  std::string address;  // HOST:PORT (empty with --serial)
  bool hdlc = false;        // --hdlc: HDLC straight over the TCP connection
  std::string serial;       // --serial PATH: HDLC on this serial device
  std::string optical;      // --optical PATH: IEC 62056-21 mode E on this device, then HDLC
  int baud = 9600;          // --baud of --serial
  int physical = 16;        // --physical: the server's lower HDLC address
  int address_size = 4;     // --address-size: 1, 2 or 4 bytes of server address
  std::string obis;     // empty with --object-list / --profile
  int attribute = 2;
  int class_id = 0;  // 0: default_class()
  bool object_list = false;
  std::string profile;         // --profile OBIS
  std::string from, to;        // --from / --to local times
  std::string entries;         // --entries A..B
  bool csv = false;
  bool json = false;
  bool has_set = false;
  std::string set_value;
  std::string type;            // --type of --set / --param
  int action = 0;              // --action METHOD (0: none)
  bool has_param = false;
  std::string param;
  int client_sap = 16;
  int server_sap = 1;
  std::string auth = "none";   // none | low | high
  std::string password;
  std::string system_title;    // hex, 8 octets
  std::string ek, ak;          // hex, 16 octets
  // The first invocation counter to cipher with, or "auto": read the server's invocation counter
  // object 0.0.43.1.0.255 as the public client (SAP 16) first and go on from the value + 1.
  std::string invocation_counter = "auto";
  bool hex = false;
  int timeout_ms = 10000;
  int max_pdu = 0xFFFF;        // client-max-receive-pdu-size proposed in the AARQ
  bool gbt = false;            // propose general-block-transfer (long answers in GBT blocks)
};

// With --serial or --optical the positional arguments are OBIS [ATTR]: the CLI parses them into address and
// obis; this moves them where they belong (address -> obis, obis -> attribute). Throws
// ClientError for an attribute that is not a number.
void shift_positionals_for_serial(ReadOptions* options);

// Runs the read; prints to stdout, the --hex transcript to stderr. Returns 0, or throws
// ClientError / std::exception with a complete message.
int read_meter(const ReadOptions& options);

// "A.B.C.D.E.F" (also "A-B:C.D.E*F" and "A-B:C.D.E" with F = 255). Throws ClientError.
std::array<std::uint8_t, 6> parse_obis(const std::string& text);
// The interface class `quadra read` assumes: 8 for the clock 0.0.1.0.0.255; 15 for
// 0.0.40.0.x.255 (Association LN); 7 for profiles (C = 99 or 98); 3 for registers of
// electricity (A = 1, D = 7 instantaneous or 8 energy); 1 (Data) otherwise.
std::uint16_t default_class(const std::array<std::uint8_t, 6>& obis);
// One Data value from text and a type name: null, boolean, integer, long, unsigned,
// long-unsigned, double-long, double-long-unsigned, long64, long64-unsigned, enum, float32,
// float64, octet-string (hex), visible-string, date-time (local YYYY-MM-DDTHH:MM[:SS], sent as
// the 12-octet octet-string a Clock's time attribute is), obis (an octet-string of 6), raw (hex
// of a whole encoded Data value). Throws ClientError.
std::vector<std::uint8_t> encode_typed_value(const std::string& type, const std::string& text);

// The Blue Book unit symbol of an IC 3 unit enum ("Wh"; "" for 255 count; "unit N" unknown).
std::string unit_symbol(unsigned unit);
// value x 10^scaler with as many decimals as the scaler asks, and the unit: "12345.678 Wh".
std::string scaled_text(const DataValue& value, const DataValue& scaler_unit);
// The association's object_list, one line per object:
// "class   3  v0  1.0.1.8.0.255  attributes 1:r 2:r 3:r  methods 1:x".
std::string object_list_text(const DataValue& object_list);
// A profile buffer as CSV (header from capture_objects "class/OBIS/attribute") or, with
// csv = false, the same columns separated by two spaces.
std::string profile_text(const DataValue& capture_objects, const DataValue& buffer, bool csv);

}  // namespace quadra::client
