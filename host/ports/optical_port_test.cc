// The optical port on a real pseudo-terminal: the test opens the slave as a client would and
// speaks IEC 62056-21 to it (sign-on, mode C readout, mode E refusal back to mode C). The
// readout's content is pinned in core/io/readout_list_test.cc; here the bytes must reach the
// client whole and framed (STX ... ! CR LF ETX BCC, the BCC the XOR after STX through ETX,
// IEC 62056-21 6.3.2).
#include "host/ports/optical_port.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace quadra::host::ports {
namespace {

meter::MeterSettings settings() {
  meter::MeterSettings s;
  s.billing = meter::default_billing_settings();
  return s;
}

class Client {
 public:
  explicit Client(const std::string& path) : fd_(::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK)) {}
  ~Client() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  void send(const std::string& s) { ASSERT_EQ(::write(fd_, s.data(), s.size()), static_cast<ssize_t>(s.size())); }
  std::string receive() {
    std::string r;
    char buf[512];
    for (;;) {
      const ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n <= 0) break;
      r.append(buf, static_cast<std::size_t>(n));
    }
    return r;
  }

 private:
  int fd_;
};

std::filesystem::path temp_link(const char* name) {
  return std::filesystem::temp_directory_path() / (std::string(name) + "-" + std::to_string(::getpid()));
}

TEST(OpticalPort, ModeCReadoutReachesTheClient) {
  meter::Meter m(settings());
  const auto link = temp_link("quadra-optical");
  OpticalPortOptions options;
  options.link_path = link.string();
  {
    OpticalPort port(m, options);
    EXPECT_EQ(port.slave_path().rfind("/dev/pts/", 0), 0u);
    EXPECT_EQ(std::filesystem::read_symlink(link).string(), port.slave_path());
    Client c(port.link_path());
    ASSERT_TRUE(c.ok());
    c.send("/?!\r\n");
    port.service(1000);
    EXPECT_EQ(c.receive(), "");  // the reaction time runs
    port.service(1300);
    EXPECT_EQ(c.receive(), "/QDR5\\2QUADRA\r\n");
    c.send("\x06" "050\r\n");
    port.service(2000);
    port.service(2300);
    const std::string r = c.receive();
    ASSERT_GT(r.size(), 10u);
    EXPECT_EQ(r[0], '\x02');
    EXPECT_EQ(r.substr(1, 20), "C.1.0(QDR00000001)\r\n");
    EXPECT_NE(r.find("1.8.0(000000.000*kWh)\r\n"), std::string::npos);
    const std::size_t etx = r.size() - 2;
    EXPECT_EQ(r.substr(etx - 3, 4), "!\r\n\x03");
    std::uint8_t bcc = 0;
    for (std::size_t i = 1; i <= etx; ++i) bcc = static_cast<std::uint8_t>(bcc ^ static_cast<std::uint8_t>(r[i]));
    EXPECT_EQ(static_cast<std::uint8_t>(r.back()), bcc);
    EXPECT_EQ(port.stats().readouts, 1u);
  }
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(link)));  // removed with the port
}

TEST(OpticalPort, ModeESwitchIsAcknowledgedThenModeCAgain) {
  meter::Meter m(settings());
  OpticalPort port(m, OpticalPortOptions{});
  EXPECT_TRUE(port.link_path().empty());
  Client c(port.slave_path());
  ASSERT_TRUE(c.ok());
  c.send("/?!\r\n");
  port.service(0);
  port.service(300);
  EXPECT_EQ(c.receive(), "/QDR5\\2QUADRA\r\n");
  c.send("\x06" "252\r\n");
  port.service(400);
  port.service(700);
  EXPECT_EQ(c.receive(), "\x06" "252\r\n");
  EXPECT_EQ(port.stats().mode_e_switches, 1u);
  // Not in HDLC: a new sign-on is answered in mode C.
  c.send("/?!\r\n");
  port.service(800);
  port.service(1100);
  EXPECT_EQ(c.receive(), "/QDR5\\2QUADRA\r\n");
}

TEST(OpticalPort, ClientClosingAndReopeningTheSlave) {
  meter::Meter m(settings());
  OpticalPort port(m, OpticalPortOptions{});
  {
    Client c(port.slave_path());
    ASSERT_TRUE(c.ok());
  }
  port.service(0);  // no EIO loop while no client has the port open
  Client c(port.slave_path());
  c.send("/?!\r\n");
  port.service(10);
  port.service(310);
  EXPECT_EQ(c.receive(), "/QDR5\\2QUADRA\r\n");
}

TEST(OpticalPort, RefusesToReplaceARegularFile) {
  meter::Meter m(settings());
  const auto path = temp_link("quadra-optical-file");
  { std::ofstream(path) << "x"; }
  OpticalPortOptions options;
  options.link_path = path.string();
  try {
    OpticalPort port(m, options);
    FAIL() << "a regular file was replaced";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("is not a symbolic link"), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
}

TEST(OpticalPort, RefusesABadReadoutList) {
  meter::Meter m(settings());
  OpticalPortOptions options;
  options.readout.serial_number = "";
  try {
    OpticalPort port(m, options);
    FAIL() << "an empty serial number was taken";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "optical port: readout.serial_number: 1 to 16 printable characters, none of ( ) * / !");
  }
}

}  // namespace
}  // namespace quadra::host::ports
