// A COMTRADE recording as a SampleSource: frames of SECONDARY volts and amperes in the order
// U1 U2 U3 I1 I2 I3 IN, at one constant rate.
//
// - Channels: automatic or explicit mapping (channel_map.h). Line-to-line voltages without a
//   phase set give the phase voltages to the artificial star point (3-wire, no zero sequence).
//   Missing inputs are zero.
// - Basis: every mapped channel is brought to the secondary of the ratio ratios() reports: the VT
//   ratio of the first mapped voltage channel, the CT ratio of the first mapped current channel
//   (primary/secondary; 1 when the file gives none or 1/1). A channel recorded at primary (P) is
//   divided by that ratio; a secondary channel with a different ratio of its own is first taken to
//   primary with its own ratio (a note says so).
// - Rate: a record with one sampling rate is streamed sample for sample. A record with several
//   rate sections, or with time stamps (nrates 0) that are not exactly uniform, is resampled with
//   4-point Lagrange interpolation (lagrange.h) onto a uniform grid starting at its first sample,
//   at the highest section rate (for time stamps: the highest rate over any 16 consecutive
//   intervals).
// - Missing values (NaN in the record) become 0 in the frames and are counted.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/metrology/sample_frame.h"
#include "host/comtrade/channel_map.h"
#include "host/comtrade/comtrade.h"
#include "host/comtrade/lagrange.h"
#include "host/source/sample_source.h"

namespace quadra::comtrade {

struct ComtradeSourceOptions {
  // Replaces the automatic mapping when set (see parse_channel_mapping()).
  std::optional<MappingSpec> mapping;
};

class ComtradeSource final : public host::SampleSource {
 public:
  // Both throw ComtradeError for an unreadable record, a mapping that does not fit it, or a
  // record that cannot be made a stream (a single time-stamped sample, an absurd rate spread).
  explicit ComtradeSource(const std::filesystem::path& path, ComtradeSourceOptions options = {});
  explicit ComtradeSource(ComtradeRecord record, ComtradeSourceOptions options = {});

  ComtradeSource(const ComtradeSource&) = delete;
  ComtradeSource& operator=(const ComtradeSource&) = delete;

  double sample_rate_hz() const override { return rate_hz_; }
  double nominal_frequency_hz() const override { return nominal_hz_; }
  host::TransformerRatios ratios() const override { return ratios_; }
  std::string describe() const override;
  std::size_t read(std::span<metrology::SampleFrame> out) override;

  const ComtradeRecord& record() const { return record_; }
  const ChannelMap& channel_map() const { return map_; }
  // Several lines: the record, the sampling decision, each input's channel, and every note.
  std::string mapping_report() const;
  // Notes about rate and frequency decisions (the mapping's own notes are in channel_map()).
  const std::vector<std::string>& notes() const { return notes_; }
  // Frames the stream holds in total, and whether they are interpolated.
  std::size_t frame_count() const { return frame_count_; }
  bool resampled() const { return resampled_; }
  // Values that were missing in the record (or interpolated from a missing one), given as 0.
  std::size_t missing_values() const { return missing_; }
  // Starts the stream again from its first frame.
  void rewind();

 private:
  struct Term {
    std::size_t used;  // index into used_
    double coefficient;
  };

  void setup_ratios();
  void setup_terms();
  void setup_timing();
  void setup_frequency();
  void fill(metrology::SampleFrame& frame, const double* values);

  ComtradeRecord record_;
  ChannelMap map_;
  std::vector<std::string> notes_;
  host::TransformerRatios ratios_;
  double rate_hz_ = 0.0;
  double nominal_hz_ = 50.0;
  bool resampled_ = false;
  std::size_t frame_count_ = 0;
  std::size_t next_ = 0;
  std::size_t missing_ = 0;
  std::vector<std::size_t> used_;  // analog positions the frames need
  std::array<std::vector<Term>, metrology::kChannelCount> terms_;
  std::optional<LagrangeInterpolator> interpolator_;
  std::vector<double> scratch_;
};

}  // namespace quadra::comtrade
