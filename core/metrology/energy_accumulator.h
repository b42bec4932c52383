// An energy register that never drifts: an integer count of quanta plus a carried residue below one
// quantum. Adding a billion small increments gives the same value (to well below one quantum) as
// adding their sum once, because the large part is an integer and the floating-point part stays small.
#pragma once

#include <cmath>
#include <cstdint>

namespace quadra::metrology {

class EnergyAccumulator {
 public:
  // quantum: size of one count in the register's unit (Wh, varh, VAh), > 0.
  constexpr EnergyAccumulator() = default;
  explicit constexpr EnergyAccumulator(double quantum) : quantum_(quantum) {}

  // Adds a non-negative amount (precondition: amount >= 0 and finite). Returns the number of
  // whole quanta this addition completed, which pulse outputs turn into pulses.
  std::int64_t add(double amount) {
    residue_ += amount;
    if (residue_ < quantum_) return 0;
    const auto whole = static_cast<std::int64_t>(std::floor(residue_ / quantum_));
    quanta_ += whole;
    residue_ -= static_cast<double>(whole) * quantum_;
    // floor() of a quotient rounded up by one ulp can leave a residue a hair below zero.
    if (residue_ < 0.0) residue_ = 0.0;
    return whole;
  }

  constexpr double quantum() const { return quantum_; }
  constexpr std::int64_t quanta() const { return quanta_; }
  // Energy not yet worth a whole quantum, in [0, quantum).
  constexpr double residue() const { return residue_; }
  constexpr double value() const { return static_cast<double>(quanta_) * quantum_ + residue_; }

  // Restores a persisted state (the store later keeps quanta and residue).
  void restore(std::int64_t quanta, double residue) {
    quanta_ = quanta;
    residue_ = residue;
  }

  // The persistent state (core/storage/state_archive.h); configuration is not part of it.
  template <class Archive>
  void persist(Archive& a) {
    a(quanta_)(residue_);
  }

 private:
  double quantum_ = 1e-3;
  std::int64_t quanta_ = 0;
  double residue_ = 0.0;
};

}  // namespace quadra::metrology
