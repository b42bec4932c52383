// The general local port readout 0.0.21.0.0.255 (Profile generic, class 7 v1): the optical
// port's readout list (core/io/readout_list.h) as capture objects, and a buffer of one row, the
// list's values at the moment of the read (IDIS "captured on read"). A current item (F = 255) reads
// as its own object's attribute 2 would; a billing period item (F = 101..125: the (F - 100)-th most
// recent period; 0..99: the kept period whose counter ends in F) as the billing profile captured
// it, 1.0.0.1.2.F as that period's end; an item with no value now (a period not yet closed) is
// null-data. The row's time (for range access) is the meter's present time.
//
// The same source serves the three display readouts 0.0.21.0.1..3.255 over the meter's display
// lists (core/meter/display_lists.h), whose capture_objects the management client may write: an
// array of at most 32 { class_id, logical_name, attribute_index 2, data_index 0 }, each naming an
// object of the directory with that class (a billing period item, F != 255: the object of its
// current value). Anything else is refused whole (type-unmatched for a wrong shape, other-reason
// for a value the meter refuses) and changes nothing; an accepted list is kept in the snapshot.
//
// Over the ports' readout list (core/io/port_settings.h), 0.0.21.0.0.255's capture_objects are
// writable too, by the same rules with at most 64 entries, each an item the optical port can show
// (io::MeterReadout::validate_items: a register of the meter, or a billing period of one in the
// billing capture list, or one of the values the readout computes; no two with the same VDEW
// address; not empty). An accepted list bumps the list's generation (the optical port's next
// readout uses it; the host keeps it in its store) and is logged as "parameters changed" (event
// 47) naming 0.0.21.0.0.255.
#pragma once

#include <span>

#include "core/cosem/profile_object.h"
#include "core/io/port_settings.h"

namespace quadra::cosem {

class Directory;

class ReadoutProfileSource final : public ProfileSource {
 public:
  // items, the directory and the meter outlive the source.
  ReadoutProfileSource(const Directory& d, const meter::Meter& m, std::span<const meter::Obis> items)
      : directory_(d), meter_(m), items_(items) {}
  // The optical port's readout list, writable.
  ReadoutProfileSource(const Directory& d, meter::Meter& m, io::ReadoutList& list)
      : directory_(d), meter_(m), readout_meter_(&m), readout_list_(&list) {}
  // Display list k (0..2) of the meter, writable.
  ReadoutProfileSource(const Directory& d, meter::Meter& m, std::size_t display_list)
      : directory_(d), meter_(m), display_meter_(&m), display_list_(display_list) {}
  std::size_t entries_in_use() const override { return 1; }
  std::size_t capacity() const override { return 1; }
  std::uint32_t capture_period_s() const override { return 0; }
  std::size_t column_count() const override { return items().size(); }
  CaptureObject column(std::size_t c) const override;
  double row_utc(std::size_t) const override {
    return static_cast<double>(meter_.rtc().utc_us(meter_.meter_time_s())) * 1e-6;
  }
  void write_cell(AxdrWriter& w, std::size_t row, std::size_t column) const override;
  bool reset(double) override { return false; }
  bool capture_objects_writable() const override { return display_meter_ != nullptr || readout_list_ != nullptr; }
  DataAccessResult set_capture_objects(std::span<const std::uint8_t> value, double now_s) override;

 private:
  std::span<const meter::Obis> items() const {
    if (readout_list_ != nullptr) return readout_list_->view();
    return display_meter_ != nullptr ? meter_.display_list(display_list_) : items_;
  }
  DataAccessResult set_readout_list(std::span<const std::uint8_t> value, double now_s);
  // The class capture_objects names item `o` with (column()).
  std::uint16_t class_of(const meter::Obis& o) const;
  const Directory& directory_;
  const meter::Meter& meter_;
  std::span<const meter::Obis> items_;
  meter::Meter* display_meter_ = nullptr;
  std::size_t display_list_ = 0;
  meter::Meter* readout_meter_ = nullptr;
  io::ReadoutList* readout_list_ = nullptr;
};

}  // namespace quadra::cosem
