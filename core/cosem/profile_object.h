// Profile generic (class 7, version 1) over the meter's recorded rows: the load profiles, the seven
// event logs and the billing profile, each seen through a ProfileSource. Attributes: 2 buffer
// (with selective access by range on the clock column, and by entry; both with column
// selection), 3 capture_objects, 4 capture_period, 5 sort_method (FIFO), 6 sort_object (none),
// 7 entries_in_use, 8 profile_entries. Methods: 1 reset (the event logs: cleared and logged), 2
// capture (refused: the meter captures on its own schedule).
//
// The buffer is written whole into the response; the server splits it into blocks. Its size is
// bounded by the response buffer the server was given (a full year of profile 1 is about 3.5 MB).
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/cosem/cosem_object.h"
#include "core/meter/meter.h"
#include "core/recording/log_group.h"

namespace quadra::cosem {

struct CaptureObject {
  std::uint16_t class_id = 0;
  meter::Obis ln{0, 0, 0, 0, 0, 0};
  std::int8_t attribute = 0;
  std::uint16_t data_index = 0;
};

class ProfileSource {
 public:
  virtual ~ProfileSource() = default;
  virtual std::size_t entries_in_use() const = 0;
  virtual std::size_t capacity() const = 0;
  virtual std::uint32_t capture_period_s() const = 0;
  virtual std::size_t column_count() const = 0;
  virtual CaptureObject column(std::size_t c) const = 0;
  // Row k (0 = oldest): its clock column, UTC seconds.
  virtual double row_utc(std::size_t k) const = 0;
  virtual void write_cell(AxdrWriter& w, std::size_t row, std::size_t column) const = 0;
  // The COSEM reset; false where the profile cannot be reset through COSEM.
  virtual bool reset(double now_s) = 0;
  // Whether a client may write capture_objects (attribute 3), and the write: `value` is one
  // complete A-XDR Data value (array of capture object definitions). A refusal changes nothing.
  virtual bool capture_objects_writable() const { return false; }
  virtual DataAccessResult set_capture_objects(std::span<const std::uint8_t> value, double now_s) {
    (void)value;
    (void)now_s;
    return DataAccessResult::kReadWriteDenied;
  }
};

class ProfileObject final : public CosemObject {
 public:
  // Preconditions: source and the time zone (the RTC's) outlive the object.
  ProfileObject(const meter::Obis& ln, ProfileSource& source, const clock::TimeZone& tz)
      : CosemObject(7, 1, ln), source_(source), tz_(tz) {}
  std::uint8_t attribute_count() const override { return 8; }
  std::uint8_t method_count() const override { return 2; }
  bool selectable(std::uint8_t attribute) const override { return attribute == 2; }
  bool writable(std::uint8_t attribute) const override {
    return attribute == 3 && source_.capture_objects_writable();
  }
  DataAccessResult set(std::uint8_t attribute, std::span<const std::uint8_t> value, const RequestContext& ctx) override {
    if (!writable(attribute)) return DataAccessResult::kReadWriteDenied;
    return source_.set_capture_objects(value, ctx.now_s);
  }
  ActionResult action(std::uint8_t method, std::span<const std::uint8_t> parameters, AxdrWriter& out, bool& has_data,
                      const RequestContext& ctx) override;

 protected:
  DataAccessResult get_attribute(std::uint8_t attribute, const dlms::SelectiveAccess& access, AxdrWriter& out,
                                 const RequestContext& ctx) override;

 private:
  DataAccessResult write_buffer(const dlms::SelectiveAccess& access, AxdrWriter& out);
  ProfileSource& source_;
  const clock::TimeZone& tz_;
};

// The sources of the meter's profiles.
class LoadProfileSource final : public ProfileSource {
 public:
  LoadProfileSource(const meter::Meter& m, std::size_t profile) : meter_(m), k_(profile) {}
  std::size_t entries_in_use() const override { return meter_.load_profile(k_).entries_in_use(); }
  std::size_t capacity() const override { return meter_.load_profile(k_).capacity(); }
  std::uint32_t capture_period_s() const override { return static_cast<std::uint32_t>(meter_.load_profile(k_).period_s()); }
  std::size_t column_count() const override { return meter_.load_profile(k_).column_count(); }
  CaptureObject column(std::size_t c) const override;
  double row_utc(std::size_t k) const override { return static_cast<double>(meter_.load_profile(k_).entry(k).utc_s); }
  void write_cell(AxdrWriter& w, std::size_t row, std::size_t column) const override;
  bool reset(double) override { return false; }

 private:
  const meter::Meter& meter_;
  std::size_t k_;
};

class EventLogSource final : public ProfileSource {
 public:
  EventLogSource(meter::Meter& m, recording::LogGroup g) : meter_(m), g_(g) {}
  std::size_t entries_in_use() const override { return log().entries_in_use(); }
  std::size_t capacity() const override { return log().capacity(); }
  std::uint32_t capture_period_s() const override { return 0; }
  std::size_t column_count() const override;
  CaptureObject column(std::size_t c) const override;
  double row_utc(std::size_t k) const override { return static_cast<double>(log().entry(k).utc_s); }
  void write_cell(AxdrWriter& w, std::size_t row, std::size_t column) const override;
  bool reset(double now_s) override;

 private:
  const recording::EventLog& log() const { return meter_.events().log(g_); }
  meter::Meter& meter_;
  recording::LogGroup g_;
};

class BillingProfileSource final : public ProfileSource {
 public:
  explicit BillingProfileSource(const meter::Meter& m) : meter_(m) {}
  std::size_t entries_in_use() const override { return meter_.billing().entries_in_use(); }
  std::size_t capacity() const override { return meter_.billing().capacity(); }
  std::uint32_t capture_period_s() const override { return 0; }
  std::size_t column_count() const override { return 1 + meter_.billing().capture_list().size(); }
  CaptureObject column(std::size_t c) const override;
  double row_utc(std::size_t k) const override { return meter_.billing().entry(k).utc_s; }
  void write_cell(AxdrWriter& w, std::size_t row, std::size_t column) const override;
  bool reset(double) override { return false; }

 private:
  const meter::Meter& meter_;
};

// The class id a meter register is served with (3, 4 or 5, or 1 for counters and codes).
std::uint16_t register_class(const meter::Obis& obis);

}  // namespace quadra::cosem
