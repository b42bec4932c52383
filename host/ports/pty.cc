#include "host/ports/pty.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace quadra::host::ports {
namespace {

[[noreturn]] void fail(const std::string& what) {
  const int e = errno;
  throw std::runtime_error(what + ": " + std::strerror(e));
}

}  // namespace

Pty::Pty(const std::string& link_path) {
  master_ = posix_openpt(O_RDWR | O_NOCTTY);
  if (master_ < 0) fail("pty: posix_openpt");
  try {
    if (grantpt(master_) != 0) fail("pty: grantpt");
    if (unlockpt(master_) != 0) fail("pty: unlockpt");
    char name[128];
    if (ptsname_r(master_, name, sizeof name) != 0) fail("pty: ptsname");
    slave_path_ = name;
    slave_ = ::open(name, O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (slave_ < 0) fail("pty: open " + slave_path_);
    termios t{};
    if (tcgetattr(slave_, &t) != 0) fail("pty: tcgetattr " + slave_path_);
    cfmakeraw(&t);
    if (tcsetattr(slave_, TCSANOW, &t) != 0) fail("pty: tcsetattr " + slave_path_);
    const int flags = fcntl(master_, F_GETFL);
    if (flags < 0 || fcntl(master_, F_SETFL, flags | O_NONBLOCK) != 0) fail("pty: O_NONBLOCK on the master");
    if (!link_path.empty()) {
      struct stat st{};
      if (lstat(link_path.c_str(), &st) == 0) {
        if (!S_ISLNK(st.st_mode))
          throw std::runtime_error("pty: " + link_path + " exists and is not a symbolic link: not replaced");
        if (::unlink(link_path.c_str()) != 0) fail("pty: remove the old link " + link_path);
      }
      if (::symlink(slave_path_.c_str(), link_path.c_str()) != 0) fail("pty: symlink " + link_path);
      link_path_ = link_path;
    }
  } catch (...) {
    if (slave_ >= 0) ::close(slave_);
    ::close(master_);
    throw;
  }
}

Pty::~Pty() {
  if (!link_path_.empty()) {
    char target[256];
    const ssize_t n = ::readlink(link_path_.c_str(), target, sizeof target - 1);
    if (n > 0 && std::string(target, static_cast<std::size_t>(n)) == slave_path_) ::unlink(link_path_.c_str());
  }
  if (slave_ >= 0) ::close(slave_);
  if (master_ >= 0) ::close(master_);
}

std::size_t Pty::read(std::span<std::uint8_t> buf) {
  if (buf.empty()) return 0;
  for (;;) {
    const ssize_t n = ::read(master_, buf.data(), buf.size());
    if (n > 0) return static_cast<std::size_t>(n);
    if (n < 0 && errno == EINTR) continue;
    // EAGAIN: nothing written; EIO cannot happen while the own slave descriptor is open.
    return 0;
  }
}

std::size_t Pty::write(std::span<const std::uint8_t> bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(master_, bytes.data() + done, bytes.size() - done);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;  // EAGAIN: the pty's buffer is full
  }
  return done;
}

}  // namespace quadra::host::ports
