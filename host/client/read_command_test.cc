// The pieces of `quadra read` that do not need a server: OBIS and class defaults, typed values
// for --set/--param, scaler and unit, the object list and profile printing. Encodings by hand
// from the Blue Book (Data CHOICE; IC 3 scaler_unit; IC 15 object_list; IC 7 capture_objects),
// except where a published vector is named.
#include "host/client/read_command.h"

#include <gtest/gtest.h>

#include "core/dlms/test_hex.h"

namespace quadra::client {
namespace {

using dlms::testing::hex;
using dlms::testing::to_hex;

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ClientError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ReadCommand, ObisAndDefaultClass) {
  EXPECT_EQ(to_hex(parse_obis("1.0.1.8.0.255")), "01 00 01 08 00 FF");
  EXPECT_EQ(to_hex(parse_obis("1-0:99.1.0")), "01 00 63 01 00 FF");
  EXPECT_EQ(to_hex(parse_obis("1-0:1.8.1*101")), "01 00 01 08 01 65");
  EXPECT_NE(error_of([] { (void)parse_obis("1.0.1.8.0"); }), "(no error)");
  EXPECT_NE(error_of([] { (void)parse_obis("1.0.1.8.0.256"); }), "(no error)");
  EXPECT_NE(error_of([] { (void)parse_obis("1.0.1.8.0.255x"); }), "(no error)");
  EXPECT_EQ(default_class(parse_obis("0.0.1.0.0.255")), 8);
  EXPECT_EQ(default_class(parse_obis("0.0.40.0.0.255")), 15);
  EXPECT_EQ(default_class(parse_obis("0.0.40.0.2.255")), 15);
  EXPECT_EQ(default_class(parse_obis("1.0.99.1.0.255")), 7);
  EXPECT_EQ(default_class(parse_obis("0.0.99.98.0.255")), 7);
  EXPECT_EQ(default_class(parse_obis("1.0.1.8.0.255")), 3);
  EXPECT_EQ(default_class(parse_obis("1.0.32.7.0.255")), 3);
  EXPECT_EQ(default_class(parse_obis("0.0.96.1.0.255")), 1);
}

TEST(ReadCommand, TypedValues) {
  EXPECT_EQ(to_hex(encode_typed_value("long-unsigned", "4660")), "12 12 34");
  EXPECT_EQ(to_hex(encode_typed_value("long-unsigned", "0x1234")), "12 12 34");
  EXPECT_EQ(to_hex(encode_typed_value("integer", "-3")), "0F FD");
  EXPECT_EQ(to_hex(encode_typed_value("double-long-unsigned", "5009")), "06 00 00 13 91");
  EXPECT_EQ(to_hex(encode_typed_value("boolean", "true")), "03 01");
  EXPECT_EQ(to_hex(encode_typed_value("enum", "30")), "16 1E");
  EXPECT_EQ(to_hex(encode_typed_value("octet-string", "0102 0a")), "09 03 01 02 0A");
  EXPECT_EQ(to_hex(encode_typed_value("visible-string", "AB")), "0A 02 41 42");
  EXPECT_EQ(to_hex(encode_typed_value("obis", "0.0.1.0.0.255")), "09 06 00 00 01 00 00 FF");
  EXPECT_EQ(to_hex(encode_typed_value("date-time", "2026-01-01T12:00")), "09 0C 07 EA 01 01 FF 0C 00 00 00 80 00 FF");
  EXPECT_EQ(to_hex(encode_typed_value("raw", "02 02 0F 00 16 1E")), "02 02 0F 00 16 1E");
  EXPECT_EQ(error_of([] { (void)encode_typed_value("long-unsigned", "65536"); }),
            "--type long-unsigned: \"65536\" is not a number in 0..65535");
  EXPECT_EQ(error_of([] { (void)encode_typed_value("unsigned", "-1"); }), "--type unsigned: \"-1\" is negative");
  EXPECT_NE(error_of([] { (void)encode_typed_value("raw", "02 02 0F"); }), "(no error)");
  EXPECT_NE(error_of([] { (void)encode_typed_value("octet-string", "123"); }), "(no error)");
  EXPECT_NE(error_of([] { (void)encode_typed_value("frobnicate", "1"); }).find("is not one of"), std::string::npos);
}

TEST(ReadCommand, ScalerAndUnit) {
  const DataValue wh = parse_data(hex("02 02 0F FD 16 1E"));  // scaler -3, unit 30 (Wh)
  EXPECT_EQ(scaled_text(parse_data(hex("06 00 BC 61 4E")), wh), "12345.678 Wh");
  EXPECT_EQ(scaled_text(parse_data(hex("06 00 00 00 05")), wh), "0.005 Wh");
  EXPECT_EQ(scaled_text(parse_data(hex("05 FF FF FF FB")), wh), "-0.005 Wh");
  EXPECT_EQ(scaled_text(parse_data(hex("15 00 00 00 00 00 00 00 07")), parse_data(hex("02 02 0F 03 16 1B"))), "7000 W");
  EXPECT_EQ(scaled_text(parse_data(hex("12 C3 50")), parse_data(hex("02 02 0F FE 16 23"))), "500.00 V");
  EXPECT_EQ(scaled_text(parse_data(hex("12 00 07")), parse_data(hex("02 02 0F 00 16 FF"))), "7");
  EXPECT_EQ(scaled_text(parse_data(hex("0A 01 41")), parse_data(hex("02 02 0F 00 16 1E"))), "\"A\"");
  EXPECT_EQ(unit_symbol(44), "Hz");
  EXPECT_EQ(unit_symbol(32), "varh");
  EXPECT_EQ(unit_symbol(200), "unit 200");
}

TEST(ReadCommand, ObjectList) {
  // Two elements {class_id, version, logical_name, {attribute_access, method_access}}:
  // the clock (attributes 1 read, 2 read-write, selectors null; method 1 access as boolean,
  // version 0 style) and a register (attribute 2 authenticated read, method 1 enum 2).
  const DataValue list = parse_data(hex(
      "01 02"
      " 02 04 12 00 08 11 00 09 06 00 00 01 00 00 FF"
      "  02 02 01 02 02 03 0F 01 16 01 00 02 03 0F 02 16 03 00"
      "        01 01 02 02 0F 01 03 01"
      " 02 04 12 00 03 11 00 09 06 01 00 01 08 00 FF"
      "  02 02 01 01 02 03 0F 02 16 04 00"
      "        01 01 02 02 0F 01 16 02"));
  EXPECT_EQ(object_list_text(list),
            "class   8  v0  0.0.1.0.0.255         attributes 1:r 2:rw  methods 1:x\n"
            "class   3  v0  1.0.1.8.0.255         attributes 2:ar  methods 1:ax\n");
  EXPECT_NE(error_of([] { (void)object_list_text(parse_data(hex("11 00"))); }), "(no error)");
}

TEST(ReadCommand, ProfileCsv) {
  // capture_objects {class, logical name, attribute, data index}: the clock and +A; two rows of
  // the pwitab 24-row profile's shape.
  const DataValue columns = parse_data(hex(
      "01 02 02 04 12 00 08 09 06 00 00 01 00 00 FF 0F 02 12 00 00"
      "      02 04 12 00 03 09 06 01 00 01 08 00 FF 0F 02 12 00 00"));
  const DataValue buffer = parse_data(hex(
      "01 02 02 02 09 0C 07 E2 02 0C 05 00 00 00 00 80 00 00 06 00 01 86 A0"
      "      02 02 09 0C 07 E2 02 0C 05 01 00 00 00 80 00 00 06 00 01 88 40"));
  EXPECT_EQ(profile_text(columns, buffer, true),
            "8/0.0.1.0.0.255/2,3/1.0.1.8.0.255/2\n"
            "2018-02-12 00:00:00,100000\n"
            "2018-02-12 01:00:00,100416\n");
  EXPECT_EQ(profile_text(columns, buffer, false).substr(0, 36), "8/0.0.1.0.0.255/2  3/1.0.1.8.0.255/2");
}

}  // namespace
}  // namespace quadra::client

namespace quadra::client {
namespace {

TEST(ReadCommand, SerialTakesNoHostPort) {
  // `quadra read --serial PATH OBIS ATTR`: the CLI fills address and obis; they move along.
  ReadOptions o;
  o.serial = "/dev/pts/3";
  o.address = "1.0.1.8.0.255";
  o.obis = "3";
  shift_positionals_for_serial(&o);
  EXPECT_EQ(o.address, "");
  EXPECT_EQ(o.obis, "1.0.1.8.0.255");
  EXPECT_EQ(o.attribute, 3);
  ReadOptions wrapper;  // no --serial: nothing moves
  wrapper.address = "127.0.0.1:4059";
  wrapper.obis = "1.0.1.8.0.255";
  shift_positionals_for_serial(&wrapper);
  EXPECT_EQ(wrapper.address, "127.0.0.1:4059");
  EXPECT_EQ(wrapper.obis, "1.0.1.8.0.255");
  ReadOptions bad;
  bad.serial = "/dev/pts/3";
  bad.address = "1.0.1.8.0.255";
  bad.obis = "x";
  EXPECT_EQ(error_of([&] { shift_positionals_for_serial(&bad); }),
            "\"x\" is not an attribute 0..255 (with --serial or --optical the arguments are OBIS [ATTR])");
}

TEST(ReadCommand, HdlcOptionsAreChecked) {
  ReadOptions o;
  o.serial = "/dev/pts/3";
  o.obis = "1.0.1.8.0.255";
  o.hdlc = true;
  EXPECT_EQ(error_of([&] { read_meter(o); }), "--hdlc, --serial and --optical exclude each other");
  o.hdlc = false;
  o.client_sap = 200;
  EXPECT_EQ(error_of([&] { read_meter(o); }),
            "over HDLC --client must be 1..126, --server 1..16382 and --physical 0..16382");
  ReadOptions none;
  none.obis = "1.0.1.8.0.255";
  EXPECT_EQ(error_of([&] { read_meter(none); }), "HOST:PORT (or --serial PATH) is needed");
}

}  // namespace
}  // namespace quadra::client
