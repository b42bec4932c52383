// The one exception type of the DLMS client (host code): every failure of `quadra read` - a
// refused connection, a timeout, a malformed or refused answer - is a ClientError whose message
// is complete enough to print as is ("GET 3/1.0.1.8.0.255/2: data-access-result
// read-write-denied (3)").
#pragma once

#include <stdexcept>
#include <string>

namespace quadra::client {

class ClientError : public std::runtime_error {
 public:
  explicit ClientError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace quadra::client
