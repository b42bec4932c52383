// Profile generic (class 7, version 1) over the meter's recorded rows: the load profiles, the seven
// event logs, the billing profiles (monthly and daily) and the power-quality profiles (periodic and
// per event), each seen through a ProfileSource. Attributes: 2 buffer
// (with selective access by range on the clock column, and by entry; both with column
// selection), 3 capture_objects, 4 capture_period, 5 sort_method (FIFO), 6 sort_object (none),
// 7 entries_in_use, 8 profile_entries. Methods: 1 reset (the event logs: cleared and logged), 2
// capture (refused: the meter captures on its own schedule).
//
// The buffer is written whole into the response; the server splits it into blocks. Its size is
// bounded by the response buffer the server was given (a full year of profile 1 is about 3.5 MB).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/cosem/cosem_object.h"
#include "core/cosem/value_format.h"
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
  // Called once before a buffer read writes its rows, so that a source can fix per-column work
  // (the register formats) instead of repeating it for every cell.
  virtual void begin_rows() const {}
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

// The wire formats of a profile's register columns, as the meter's own objects for them show them,
// looked up once per buffer read: looking each cell's register up in the meter (Meter::read walks
// its whole name space) made a year of profile 1 take ~200 ms before its first block.
class RegisterColumnFormats {
 public:
  static constexpr std::size_t kMaxColumns = 64;
  // Precondition: captures.size() <= kMaxColumns.
  void prepare(const meter::Meter& m, std::span<const meter::Obis> captures);
  // Writes capture i's value (null when the meter does not have the register or value is NaN).
  void write(AxdrWriter& w, std::size_t i, double value) const;

 private:
  struct Column {
    bool readable = false;
    WireFormat format;
  };
  std::array<Column, kMaxColumns> columns_{};
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
  void begin_rows() const override { formats_.prepare(meter_, meter_.load_profile(k_).capture_list()); }
  void write_cell(AxdrWriter& w, std::size_t row, std::size_t column) const override;
  bool reset(double) override { return false; }

 private:
  const meter::Meter& meter_;
  std::size_t k_;
  mutable RegisterColumnFormats formats_;
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

// The monthly billing profile (meter.billing()) or the daily one (meter.daily_billing()).
class BillingProfileSource final : public ProfileSource {
 public:
  // Precondition: `profile` is one of the meter's.
  BillingProfileSource(const meter::Meter& m, const meter::BillingProfile& profile) : meter_(m), profile_(profile) {}
  std::size_t entries_in_use() const override { return profile_.entries_in_use(); }
  std::size_t capacity() const override { return profile_.capacity(); }
  std::uint32_t capture_period_s() const override { return 0; }
  std::size_t column_count() const override { return 1 + profile_.capture_list().size(); }
  CaptureObject column(std::size_t c) const override;
  double row_utc(std::size_t k) const override { return profile_.entry(k).utc_s; }
  void begin_rows() const override { formats_.prepare(meter_, profile_.capture_list()); }
  void write_cell(AxdrWriter& w, std::size_t row, std::size_t column) const override;
  bool reset(double) override { return false; }

 private:
  const meter::Meter& meter_;
  mutable RegisterColumnFormats formats_;
  const meter::BillingProfile& profile_;
};

// A power-quality event profile (dips, swells, cuts: meter/quality_profiles.h): the clock column
// is the event's start, written with its hundredths; capture_period 0 (captured on the event).
class VoltageEventProfileSource final : public ProfileSource {
 public:
  VoltageEventProfileSource(const meter::Meter& m, meter::VoltageEventKind kind) : meter_(m), kind_(kind) {}
  std::size_t entries_in_use() const override { return profile().entries_in_use(); }
  std::size_t capacity() const override { return profile().capacity(); }
  std::uint32_t capture_period_s() const override { return 0; }
  std::size_t column_count() const override { return 1 + profile().capture_list().size(); }
  CaptureObject column(std::size_t c) const override;
  double row_utc(std::size_t k) const override { return profile().entry(k).utc_s; }
  void begin_rows() const override { formats_.prepare(meter_, profile().capture_list()); }
  void write_cell(AxdrWriter& w, std::size_t row, std::size_t column) const override;
  bool reset(double) override { return false; }

 private:
  const recording::EventProfile& profile() const { return meter_.quality_profiles().events(kind_); }
  const meter::Meter& meter_;
  meter::VoltageEventKind kind_;
  mutable RegisterColumnFormats formats_;
};

// The class id a meter register is served with (3, 4 or 5, or 1 for counters and codes).
std::uint16_t register_class(const meter::Obis& obis);

}  // namespace quadra::cosem
