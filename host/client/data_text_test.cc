// The printing of A-XDR Data values. Inputs: pwitab/dlms-cosem published values (the 24-row
// load profile of tests/test_a_xdr.py, the clock date-time of tests/test_xdlms/test_set.py) and
// small values written by hand from the Blue Book Data CHOICE.
#include "host/client/data_text.h"

#include <gtest/gtest.h>

#include "core/dlms/test_hex.h"

namespace quadra::client {
namespace {

using dlms::testing::hex;

TEST(DataText, LoadProfileRows) {
  // pwitab/dlms-cosem tests/test_a_xdr.py: 00 (the GET result's "data" choice) + array of 24
  // {octet-string date-time, unsigned status, double-long-unsigned}.
  const std::vector<std::uint8_t> bytes = dlms::testing::load("pwitab_profile_24_rows.bin");
  ASSERT_EQ(bytes.size(), 555u);
  const DataValue v = parse_data(std::span<const std::uint8_t>(bytes).subspan(1));
  ASSERT_EQ(v.type, dlms::DataType::kArray);
  ASSERT_EQ(v.items.size(), 24u);
  EXPECT_EQ(value_text(v.items[0]), "[2018-02-12 00:00:00, 0, 100000]");
  EXPECT_EQ(value_text(v.items[1].items[0]), "2018-02-12 01:00:00");
  const std::string tree = tree_text(v);
  EXPECT_EQ(tree.substr(0, tree.find('\n', tree.find('\n', tree.find('\n') + 1) + 1) + 1),
            "array (24)\n  structure (3)\n    octet-string 2018-02-12 00:00:00 (date-time)\n");
  const nlohmann::json j = to_json(v);
  EXPECT_EQ(j["value"][0]["value"][0]["date_time"], "2018-02-12 00:00:00");
  EXPECT_EQ(j["value"][0]["value"][0]["hex"], "07E2020C050000000080000" "0");
  EXPECT_EQ(j["value"][0]["value"][2]["type"], "double-long-unsigned");
  EXPECT_EQ(j["value"][0]["value"][2]["value"], 100000);
}

TEST(DataText, DateTimeWithDeviationAndObis) {
  // pwitab/dlms-cosem tests/test_xdlms/test_set.py: 2021-01-24 14:48:57.80, deviation -60 (FFC4),
  // status 00; and the logical name of the clock as an octet-string of 6.
  const DataValue dt = parse_data(hex("09 0C 07 E5 01 18 FF 0E 30 39 50 FF C4 00"));
  EXPECT_EQ(value_text(dt), "2021-01-24 14:48:57.80 deviation -60");
  const DataValue tagged = parse_data(hex("19 07 E5 01 18 FF 0E 30 39 50 FF C4 00"));  // date-time tag 25
  EXPECT_EQ(tree_text(tagged), "date-time 2021-01-24 14:48:57.80 deviation -60\n");
  EXPECT_EQ(value_text(parse_data(hex("09 06 00 00 01 00 00 FF"))), "0.0.1.0.0.255");
  // Wildcards and a clock status.
  EXPECT_EQ(*date_time_text(hex("FF FF FF FF FF 00 00 00 FF 80 00 81")), "*-*-* 00:00:00 status 81");
  // 12 octets that are no date-time (month 13) stay hex.
  EXPECT_EQ(value_text(parse_data(hex("09 0C 07 E5 0D 18 FF 0E 30 39 50 FF C4 00"))), "07E50D18FF0E303950FFC400");
}

TEST(DataText, ScalarsAndContainers) {
  // By hand from the Blue Book Data CHOICE.
  const DataValue s = parse_data(hex("02 05 0F FD 16 1E 03 01 0A 03 41 22 42 10 FF 38"));
  EXPECT_EQ(tree_text(s), "structure (5)\n  integer -3\n  enum 30\n  boolean true\n  visible-string \"A\\\"B\"\n  long -200\n");
  EXPECT_EQ(value_text(parse_data(hex("04 0A 80 40"))), "1000000001");
  EXPECT_EQ(value_text(parse_data(hex("00"))), "null");
  EXPECT_EQ(value_text(parse_data(hex("01 00"))), "[]");
  EXPECT_EQ(value_text(parse_data(hex("17 3F C0 00 00"))), "1.5");
  EXPECT_EQ(value_text(parse_data(hex("15 FF FF FF FF FF FF FF FF"))), "18446744073709551615");
  EXPECT_EQ(value_text(parse_data(hex("1A 07 EA 01 01 04"))), "2026-01-01");
  EXPECT_EQ(value_text(parse_data(hex("1B 0C 1E FF FF"))), "12:30:*");
  EXPECT_EQ(to_json(parse_data(hex("0F FD"))).dump(), R"({"type":"integer","value":-3})");
  EXPECT_EQ(to_json(parse_data(hex("09 06 01 00 01 08 00 FF"))).dump(),
            R"({"hex":"0100010800FF","obis":"1.0.1.8.0.255","type":"octet-string"})");
}

TEST(DataText, MalformedValuesAreRefused) {
  auto msg = [](const char* h) {
    try {
      (void)parse_data(hex(h));
    } catch (const ClientError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  EXPECT_NE(msg("06 00 00").find(": truncated"), std::string::npos);
  EXPECT_EQ(msg("11 01 00"), "data: 1 trailing octets after the value");
  EXPECT_NE(msg("01 84 FF FF FF FF 00").find(": truncated"), std::string::npos);
  EXPECT_NE(msg("08"), "(no error)");
}

}  // namespace
}  // namespace quadra::client
