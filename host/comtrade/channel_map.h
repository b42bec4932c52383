// Which recorded analog channels feed the meter's inputs U1 U2 U3 I1 I2 I3 IN.
//
// Automatic mapping (see README.md, "Channel mapping", for the full rule):
//  1. Each analog channel is classified: voltage when its unit is V (any SI prefix), current when
//     it is A; with no unit, by the first letter of its name (U/V or I). Channels whose name has
//     a word like Mag, Angle, RMS or Freq (phasor channels) are never used.
//  2. Its designation is read twice: from the ph field (A/B/C, R/S/T, L1/L2/L3, 1/2/3, AN..,
//     N, G/E, AB/BC/CA and reversed) and from the channel id (a word like UA, Ua_1, VA, IA, Ia1,
//     I1, UL1, U12/U21/U32, Uab, In, IN, IG, 3I0, 3U0, U0, Vo...).
//  3. For each quantity the first complete phase set wins: from the ph field, then from the ids.
//     Candidates are grouped by circuit (ccbm) in file order, and the first group holding A, B
//     and C is taken; else the first A, B and C anywhere.
//  4. Voltages with no phase set but two or three line-to-line channels are used 3-wire: the
//     phase voltages to the artificial star point are derived with no zero sequence.
//  5. A set with two phases of three is used when nothing better exists (the third is zero).
//  6. IN is a current whose designation is N (never a residual: 3I0, 3Io, I0, IG, IE). A
//     residual is I1+I2+I3 as measured, not the neutral conductor: it is only used when mapped
//     explicitly ("IN=4").
//  Anything not found is missing: its samples are zero, and the report says so.
//
// Explicit mapping: "U1=5,U2=6,U3=7,I1=1,I2=2,I3=3[,IN=4]" with the channel numbers An written in
// the .cfg; "U12=4,U23=5" (or U21, U32, U31, U13) for line-to-line channels of a 3-wire network;
// a minus sign inverts a channel ("I2=-2"). An explicit mapping replaces the automatic one
// entirely: inputs it does not name are missing.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/metrology/sample_frame.h"
#include "host/comtrade/comtrade.h"

namespace quadra::comtrade {

enum class Quantity : std::uint8_t { kOther, kVoltage, kCurrent };

enum class Designation : std::uint8_t {
  kNone,
  kPhaseA,
  kPhaseB,
  kPhaseC,
  kNeutral,
  kResidual,
  kLineAB,
  kLineBC,
  kLineCA,
  kLineBA,  // the reversed pairs: -AB, -BC, -CA
  kLineCB,
  kLineAC,
};

const char* to_string(Designation d);

struct ChannelClass {
  Quantity quantity = Quantity::kOther;
  Designation from_phase_field = Designation::kNone;
  Designation from_id = Designation::kNone;
  bool phasor = false;  // a magnitude/angle/RMS channel: never mapped automatically
};

Designation designation_from_phase_field(std::string_view ph);
// Also gives the quantity its name implies (U/V or I), kOther when none.
Designation designation_from_id(std::string_view id, Quantity* implied = nullptr);
ChannelClass classify(const AnalogChannel& channel);

// A recorded channel used for one input: position in ComtradeConfig::analog, and its polarity.
struct ChannelSource {
  std::size_t position = 0;
  bool inverted = false;
};

// Line-to-line inputs of a 3-wire mapping.
enum class LinePair : std::uint8_t { kU12 = 0, kU23, kU31 };
const char* to_string(LinePair p);

struct ChannelMap {
  // U1..IN, indexed by metrology::Channel. When three_wire, U1..U3 are empty and come from line.
  std::array<std::optional<ChannelSource>, metrology::kChannelCount> direct;
  std::array<std::optional<ChannelSource>, 3> line;  // U12, U23, U31
  bool three_wire = false;
  bool explicit_mapping = false;
  std::vector<std::string> notes;  // how the choice was made, what is missing, oddities

  bool voltage_present() const;
  bool current_present() const;
};

// An explicit mapping as written by the user, before it meets a file: channel numbers (An).
struct MappingSpec {
  struct Entry {
    int number = 0;  // An
    bool inverted = false;
  };
  std::array<std::optional<Entry>, metrology::kChannelCount> direct;
  std::array<std::optional<Entry>, 3> line;  // U12, U23, U31 (U21 is U12 inverted, ...)
  std::string text;
};

// Parses "U1=5,U2=6,U3=7,I1=1,I2=2,I3=3". Keys are case-insensitive; ',' ';' and spaces
// separate entries. Throws ComtradeError naming the faulty entry.
MappingSpec parse_channel_mapping(std::string_view text);

// The automatic mapping of a configuration.
ChannelMap auto_map_channels(const ComtradeConfig& config);
// An explicit mapping checked against a configuration (throws ComtradeError for a channel
// number the file does not have).
ChannelMap resolve_mapping(const ComtradeConfig& config, const MappingSpec& spec);

// A multi-line, human-readable account of `map` ("U1 <- ch 1 Ua_1... (ph A, kV)").
std::string describe_mapping(const ComtradeConfig& config, const ChannelMap& map);
// One line: "U1=ch1 U2=ch2 U3=ch3 I1=ch13 I2=ch14 I3=ch15 IN=-" ("U12=-ch4" when 3-wire).
std::string summarize_mapping(const ComtradeConfig& config, const ChannelMap& map);

}  // namespace quadra::comtrade
