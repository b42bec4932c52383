#include "core/link/iec62056_21/engine.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace quadra::iec62056_21 {
namespace {

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

class FakeMeter : public ReadoutSource {
 public:
  std::vector<std::string> lines;
  std::string operand;
  std::string password = "00000000";
  std::map<std::string, std::string> registers;  // address -> answer data set
  std::map<std::string, std::string> writes;
  bool readout_line(std::size_t index, std::span<char> out, std::size_t* size) override {
    if (index >= lines.size()) return false;
    const std::string& l = lines[index];
    const std::size_t n = std::min(l.size(), out.size());
    std::copy(l.begin(), l.begin() + static_cast<std::ptrdiff_t>(n), out.begin());
    *size = l.size();  // may be more than fits: the engine must refuse it
    return true;
  }
  std::size_t password_operand(std::span<char> out) override {
    std::copy(operand.begin(), operand.end(), out.begin());
    return operand.size();
  }
  bool check_password(char level, std::string_view pw) override { return level == '1' && pw == password; }
  bool read_data_set(std::string_view address, std::string_view, std::span<char> out, std::size_t* size) override {
    auto it = registers.find(std::string(address));
    if (it == registers.end()) return false;
    std::copy(it->second.begin(), it->second.end(), out.begin());
    *size = it->second.size();
    return true;
  }
  bool write_data_set(std::string_view address, std::string_view value) override {
    if (address != "0.9.1") return false;  // only the time is writable
    writes[std::string(address)] = std::string(value);
    return true;
  }
};

// Drains every output due at `now` into a transcript: sends as their bytes, line changes as
// "[9600 7E1]" / "[HDLC 9600]".
std::string drain(Engine& e, std::uint64_t now) {
  e.poll(now);
  std::string t;
  Output o;
  while (e.next_output(&o)) {
    switch (o.kind) {
      case OutputKind::kSend: t.append(reinterpret_cast<const char*>(o.bytes.data()), o.bytes.size()); break;
      case OutputKind::kSetLine:
        t += "[" + std::to_string(o.baud) + (o.format == CharFormat::k7E1 ? " 7E1]" : " 8N1]");
        break;
      case OutputKind::kEnterHdlc: t += "[HDLC " + std::to_string(o.baud) + "]"; break;
    }
  }
  return t;
}

void feed(Engine& e, const std::string& s, std::uint64_t now) { e.feed(bytes_of(s), now); }

Config config() {
  Config c;
  c.manufacturer = "QDR";
  c.identification = "QUADRA1";
  c.max_baud = 9600;
  return c;
}

TEST(Engine, SignOnAnsweredAfterTheReactionTimeModeE) {
  FakeMeter m;
  Engine e(m);
  ASSERT_TRUE(e.configure(config()).is_ok());
  feed(e, "/?!\r\n", 1000);
  EXPECT_EQ(drain(e, 1000), "");
  EXPECT_EQ(e.next_deadline(), 1300U);
  EXPECT_EQ(drain(e, 1299), "");
  EXPECT_EQ(drain(e, 1300), "/QDR5\\2QUADRA1\r\n");
  EXPECT_EQ(e.stats().requests, 1U);
}

// The layout of pwitab/iec62056-21 tests/test_data.py (TestIdentificationMessage),
// "/Els6\2EK280\r\n": 19200 Bd, mode E. Its "Els" has a lower-case second letter, which the
// standard does not allow (two upper-case letters, the third may be lower-case for a 20 ms
// reaction time), so the meter here is "ELs".
TEST(Engine, IdentificationAsPwitabParsesIt) {
  FakeMeter m;
  Engine e(m);
  Config c = config();
  c.manufacturer = "ELs";
  c.identification = "EK280";
  c.max_baud = 19200;
  ASSERT_TRUE(e.configure(c).is_ok());
  feed(e, "/?!\r\n", 0);
  EXPECT_EQ(drain(e, 300), "/ELs6\\2EK280\r\n");
  c.mode_e = false;
  ASSERT_TRUE(e.configure(c).is_ok());
  feed(e, "/?!\r\n", 1000);
  EXPECT_EQ(drain(e, 1300), "/ELs6EK280\r\n");
}

TEST(Engine, DeviceAddress) {
  FakeMeter m;
  Engine e(m);
  Config c = config();
  c.device_address = "45678903";
  ASSERT_TRUE(e.configure(c).is_ok());
  feed(e, "/?45678903!\r\n", 0);  // pwitab tests/test_data.py TestRequestMessage
  EXPECT_EQ(drain(e, 300), "/QDR5\\2QUADRA1\r\n");
  feed(e, "/?12345678!\r\n", 5000);
  EXPECT_EQ(drain(e, 6000), "");
  EXPECT_EQ(e.stats().ignored_requests, 1U);
  feed(e, "/?!\r\n", 7000);  // no address: every device answers
  EXPECT_EQ(drain(e, 7300), "/QDR5\\2QUADRA1\r\n");
}

// The readout of pwitab/iec62056-21 tests/test_data.py (TestReadoutDataMessage): two data sets
// on one line, then "!" CR LF ETX and BCC 0x22 ('"').
TEST(Engine, ModeCReadoutByteForByte) {
  FakeMeter m;
  m.lines = {"3:14(314*kWh)4:15(415*kWh)"};
  Engine e(m);
  ASSERT_TRUE(e.configure(config()).is_ok());
  feed(e, "/?!\r\n", 0);
  EXPECT_EQ(drain(e, 300), "/QDR5\\2QUADRA1\r\n");
  feed(e, "\x06" "050\r\n", 1200);
  EXPECT_EQ(drain(e, 1200), "[9600 7E1]");  // switch at once; the data after the reaction time
  EXPECT_EQ(drain(e, 1499), "");
  EXPECT_EQ(drain(e, 1500), std::string("\x02" "3:14(314*kWh)4:15(415*kWh)\r\n!\r\n\x03\"") + "[300 7E1]");
  EXPECT_EQ(e.stats().readouts, 1U);
  EXPECT_EQ(e.baud(), 300U);
  // Idle again: the next sign-on works.
  feed(e, "/?!\r\n", 3000);
  EXPECT_EQ(drain(e, 3300), "/QDR5\\2QUADRA1\r\n");
}

TEST(Engine, LongReadoutBccAndSkippedLines) {
  FakeMeter m;
  m.lines = {"0.0.0(12345678)", "1.8.1(000123.456*kWh)", std::string(200, '1'), "bad!line",
             "1.6.1(0012.345*kW)(2611251415)", "1.8.1*12(000100.000*kWh)"};
  Engine e(m);
  ASSERT_TRUE(e.configure(config()).is_ok());
  feed(e, "/?!\r\n", 0);
  drain(e, 300);
  feed(e, "\x06" "000\r\n", 1000);  // stay at 300 Bd
  const std::string t = drain(e, 2000);
  const std::string body =
      "0.0.0(12345678)\r\n1.8.1(000123.456*kWh)\r\n1.6.1(0012.345*kW)(2611251415)\r\n1.8.1*12(000100.000*kWh)\r\n!\r\n\x03";
  std::uint8_t x = 0;
  for (char ch : body) x = static_cast<std::uint8_t>(x ^ static_cast<std::uint8_t>(ch));
  EXPECT_EQ(t, "[300 7E1]\x02" + body + std::string(1, static_cast<char>(x)));
  EXPECT_EQ(e.stats().skipped_lines, 2U);
}

TEST(Engine, ModeESwitchToHdlcAndBack) {
  FakeMeter m;
  Engine e(m);
  ASSERT_TRUE(e.configure(config()).is_ok());
  feed(e, "/?!\r\n", 0);
  drain(e, 300);
  feed(e, "\x06" "252\r\n", 900);
  EXPECT_EQ(drain(e, 1200), "\x06" "252\r\n[HDLC 9600]");
  EXPECT_TRUE(e.in_hdlc());
  feed(e, "/?!\r\n", 1500);  // HDLC's business now
  EXPECT_EQ(drain(e, 3000), "");
  e.return_from_hdlc(10000);
  EXPECT_EQ(drain(e, 10000), "[300 7E1]");
  feed(e, "/?!\r\n", 11000);
  EXPECT_EQ(drain(e, 11300), "/QDR5\\2QUADRA1\r\n");
}

TEST(Engine, ModeEWithoutAcknowledgement) {
  FakeMeter m;
  Engine e(m);
  Config c = config();
  c.acknowledge_mode_e = false;
  ASSERT_TRUE(e.configure(c).is_ok());
  feed(e, "/?!\r\n", 0);
  drain(e, 300);
  feed(e, "\x06" "242\r\n", 900);
  EXPECT_EQ(drain(e, 900), "[HDLC 4800]");
}

TEST(Engine, RefusedOptionSelectsStaySilent) {
  FakeMeter m;
  m.lines = {"1.8.0(1)"};
  Engine e(m);
  Config c = config();
  c.mode_e = false;
  c.programming = false;
  ASSERT_TRUE(e.configure(c).is_ok());
  for (const char* ack : {"\x06" "060\r\n", "\x06" "252\r\n", "\x06" "051\r\n", "\x06" "056\r\n", "\x06" "150\r\n"}) {
    feed(e, "/?!\r\n", 0);
    EXPECT_EQ(drain(e, 300), "/QDR5QUADRA1\r\n");
    feed(e, ack, 1000);
    EXPECT_EQ(drain(e, 5000), "") << ack;
  }
}

TEST(Engine, TimeOuts) {
  FakeMeter m;
  m.lines = {"1.8.0(1)"};
  Engine e(m);
  ASSERT_TRUE(e.configure(config()).is_ok());
  // Characters more than 1500 ms apart: the request is dropped.
  feed(e, "/?", 0);
  feed(e, "!\r\n", 1600);
  EXPECT_EQ(drain(e, 3000), "");
  // Sign-on restart: a new '/' starts over.
  feed(e, "/?xx", 4000);
  feed(e, "/?!\r\n", 4100);
  EXPECT_EQ(drain(e, 4400), "/QDR5\\2QUADRA1\r\n");
  // The identification (16 characters at 300 Bd = 534 ms) plus 1500 ms: no option select, idle.
  EXPECT_EQ(e.next_deadline(), 4400U + 534U + 1500U);
  EXPECT_EQ(drain(e, 6434), "");
  feed(e, "\x06" "050\r\n", 6500);
  EXPECT_EQ(drain(e, 8000), "");
  EXPECT_GE(e.stats().timeouts, 2U);
}

class Programming : public ::testing::Test {
 protected:
  void SetUp() override {
    m.operand = "1234567";
    m.registers["1.8.0"] = "1.8.0(000123.456*kWh)";
    m.registers["3:171.0"] = "3:171.0(0)";
    ASSERT_TRUE(e.configure(config()).is_ok());
    feed(e, "/?!\r\n", 0);
    ASSERT_EQ(drain(e, 300), "/QDR5\\2QUADRA1\r\n");
    feed(e, "\x06" "051\r\n", 1000);
    // pwitab tests/test_data.py: "SOH P0 STX (1234567) ETX" with BCC 'P'.
    ASSERT_EQ(drain(e, 1300), std::string("[9600 7E1]\x01P0\x02(1234567)\x03P"));
  }
  std::string command(const std::string& s, std::uint64_t at) {
    feed(e, s, at);
    return drain(e, at + 300);
  }
  FakeMeter m;
  Engine e{m};
};

std::string framed(const std::string& body_after_start) {  // appends the BCC
  std::uint8_t x = 0;
  for (char ch : body_after_start.substr(1)) x = static_cast<std::uint8_t>(x ^ static_cast<std::uint8_t>(ch));
  return body_after_start + std::string(1, static_cast<char>(x));
}

TEST_F(Programming, PasswordReadWriteBreak) {
  EXPECT_EQ(command(framed("\x01R1\x02" "1.8.0(1)\x03"), 2000), "\x02(ERROR)\x03" + std::string(1, '(' ^ 'E' ^ 'R' ^ 'R' ^ 'O' ^ 'R' ^ ')' ^ 0x03));
  EXPECT_EQ(command(framed("\x01P1\x02(00000000)\x03"), 3000), "\x06");
  // pwitab tests/test_data.py TestAnswerDataMessage: "STX 3:171.0(0) ETX" with BCC 0x12.
  EXPECT_EQ(command(framed("\x01R1\x02" "3:171.0(1)\x03"), 4000), "\x02" "3:171.0(0)\x03\x12");
  EXPECT_EQ(command("\x01R1\x02" "1.8.0(1)\x03k", 5000), framed("\x02" "1.8.0(000123.456*kWh)\x03"));
  EXPECT_EQ(command(framed("\x01R1\x02" "9.9.9(1)\x03"), 6000).substr(0, 8), "\x02(ERROR)");
  EXPECT_EQ(command(framed("\x01W1\x02" "0.9.1(141500)\x03"), 7000), "\x06");
  EXPECT_EQ(m.writes["0.9.1"], "141500");
  EXPECT_EQ(command(framed("\x01W1\x02" "1.8.0(0)\x03"), 8000).substr(0, 8), "\x02(ERROR)");
  EXPECT_EQ(command(framed("\x01" "E2\x02" "1.8.0(0)\x03"), 9000).substr(0, 8), "\x02(ERROR)");
  // pwitab tests/test_data.py: the break message "SOH B0 ETX q".
  EXPECT_EQ(command("\x01" "B0\x03q", 10000), "[300 7E1]");
  feed(e, "/?!\r\n", 11000);
  EXPECT_EQ(drain(e, 11300), "/QDR5\\2QUADRA1\r\n");
}

TEST_F(Programming, BadBccIsNakAndNakRepeats) {
  EXPECT_EQ(command("\x01P1\x02(00000000)\x03X", 2000), "\x15");
  EXPECT_EQ(e.stats().bad_bcc, 1U);
  EXPECT_EQ(command(framed("\x01P1\x02(00000000)\x03"), 3000), "\x06");
  EXPECT_EQ(command(framed("\x01R1\x02" "1.8.0(1)\x03"), 4000), framed("\x02" "1.8.0(000123.456*kWh)\x03"));
  EXPECT_EQ(command("\x15", 5000), framed("\x02" "1.8.0(000123.456*kWh)\x03"));  // the client asks again
}

TEST_F(Programming, WrongPasswordBreaksOff) {
  // The meter's break message is pwitab's "SOH B0 ETX q".
  EXPECT_EQ(command(framed("\x01P1\x02(wrong)\x03"), 2000), "\x01" "B0\x03q[300 7E1]");
  EXPECT_EQ(command(framed("\x01R1\x02" "1.8.0(1)\x03"), 3000), "");  // idle: commands are noise
}

TEST_F(Programming, InactivityEndsTheSession) {
  EXPECT_EQ(command(framed("\x01P1\x02(00000000)\x03"), 2000), "\x06");
  // The ACK left at 2300 ms (one character at 9600 Bd: 2 ms on the wire), then 60 s of silence.
  EXPECT_EQ(drain(e, 2302 + 60'000 - 1), "");
  EXPECT_EQ(drain(e, 2302 + 60'000), "[300 7E1]");
}

TEST(Engine, ConfigValidation) {
  Config c = config();
  c.manufacturer = "QD";
  EXPECT_STREQ(validate(c).field(), "iec62056_21.manufacturer");
  c.manufacturer = "qDR";
  EXPECT_FALSE(validate(c).is_ok());
  c = config();
  c.identification = "A/B";
  EXPECT_STREQ(validate(c).field(), "iec62056_21.identification");
  c = config();
  c.device_address = "12-34";
  EXPECT_STREQ(validate(c).field(), "iec62056_21.device_address");
  c = config();
  c.max_baud = 115200;
  EXPECT_STREQ(validate(c).field(), "iec62056_21.max_baud");
  c = config();
  c.reaction_ms = 150;
  EXPECT_STREQ(validate(c).field(), "iec62056_21.reaction_ms");
  FakeMeter m;
  Engine e(m);
  EXPECT_FALSE(e.configure(c).is_ok());
}

}  // namespace
}  // namespace quadra::iec62056_21
