// The meter's data readout on the optical port (IEC 62056-21 mode C): the readout list (the COSEM
// object 0.0.21.0.0.255, "general local port readout") and the formatting of each of its items as
// a VDEW data set "address(value*unit)". MeterReadout is the ReadoutSource the IEC 62056-21 engine
// asks for lines; it reads the Meter at the moment each line is asked for.
//
// Items are OBIS codes. Most name meter registers (Meter::read); a few name values the readout
// computes itself:
//   0.0.96.1.0.255   C.1.0   the meter's serial number (from the configuration)
//   1.0.0.9.1.255    0.9.1   local time hhmmss (the RTC, in its time zone)
//   1.0.0.9.2.255    0.9.2   local date YYMMDD
//   1.0.0.1.2.F      0.1.2   the time stamp of a billing period, YYMMDDhhmm (F a billing period, below)
// F is the billing period: 255 the current value; 101..125 the (F - 100)-th most recent billing
// period (101 = the last closed one); 0..99 the kept period whose counter ends in F. A billing
// item shows the value the billing profile captured (the register must be in its capture list)
// and carries "*NN" in its address, NN the billing counter of that period modulo 100 (two digits,
// "1.8.0*07"). Before that period exists, the item is left out of the readout.
//
// The VDEW address is C.D.E of the OBIS code, with the letters C, F, L, P for 96, 97, 98, 99 in
// C and D ("C.1.0"); the error register 0.0.97.97.0 reads "F.F". A and B are not shown: a list
// naming the same C.D.E twice (e.g. with A = 0 and 1) is refused.
//
// Values (VDEW units; the meter's registers are in Wh and W):
//   energies (Wh, varh, VAh)  in kWh, kvarh, kVAh, truncated to the meter's energy resolution
//                             (Resolution::energy_scaler, the register's scaler): 3 - scaler
//                             decimals (0..9), at least 6 integer digits: "1.8.0(000123.456*kWh)"
//   powers (W, var, VA)       in kW, kvar, kVA, rounded to the power resolution, 3 - scaler
//                             decimals, at least 2 integer digits: "1.6.0(12.375*kW)"; a register
//                             with a capture time adds "(YYMMDDhhmm)" in local time, or
//                             "(0000000000)" while nothing was captured
//   voltage, current, frequency  the meter declares no scaler for them (1 V), so the readout
//                             fixes its own resolution, rounded: V 0.1 ("230.1*V"), A 0.01
//                             ("005.80*A"), Hz 0.01 ("49.99*Hz"), 3, 3 and 2 integer digits
//   the error register        8 hexadecimal digits, no unit: "F.F(00000000)"
//   counts                    a whole number, at least 2 digits, no unit: "0.1.0(03)"
//   seconds                   a whole number with the unit "s"
// Time stamps are local time of the RTC's time zone (to_local of the capture's UTC second).
//
// Programming mode (after "ACK 0 Z 1"): the P0 operand is the serial number; P1 with the
// configured password opens R1; P2 is refused. R1 reads any item of the readout list by its
// address (billing items by "*NN" with any period still kept); its answer is the item's data set.
// W1 writes nothing: every write is refused (the engine answers "(ERROR)"), since no register
// may be changed without the DLMS association's access rights and logging.
//
// No heap: the list and the strings are copied into fixed arrays at construction.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "core/common/obis.h"
#include "core/common/status.h"
#include "core/io/port_settings.h"
#include "core/link/iec62056_21/readout_source.h"
#include "core/meter/meter.h"

namespace quadra::io {

// kMaxReadoutItems (64): core/io/port_settings.h, beside the list the ports share.
inline constexpr std::size_t kMaxSerialNumber = 16;
inline constexpr std::size_t kMaxPassword = 16;

// The items the readout computes (see above).
inline constexpr meter::Obis kSerialNumberObis{0, 0, 96, 1, 0};
inline constexpr meter::Obis kLocalTimeObis{1, 0, 0, 9, 1};
inline constexpr meter::Obis kLocalDateObis{1, 0, 0, 9, 2};
inline constexpr std::uint8_t kMostRecentBillingPeriod = 101;  // F of "the last closed period"
// 1.0.0.1.2.F: the time stamp of billing period F (F must name a billing period).
constexpr meter::Obis billing_time_obis(std::uint8_t f) { return meter::Obis(1, 0, 0, 1, 2, f); }

// The default test password of programming mode: change it in any real installation.
inline constexpr std::string_view kDefaultPassword = "00000000";

struct ReadoutConfig {
  std::array<meter::Obis, kMaxReadoutItems> items{};
  std::size_t count = 0;
  std::string_view serial_number = "QDR00000001";  // 1..16 printable characters, none of ( ) * / !
  std::string_view password = kDefaultPassword;    // 1..16 printable characters, none of ( ) * / !
};

// An industrial meter's list (34 items): C.1.0, 0.9.1, 0.9.2, F.F, 0.1.0; 1.8.0..1.8.4,
// 2.8.0..2.8.4, 3.8.0, 4.8.0; 1.6.0 with its time, 1.2.0; of the last billing period 0.1.2,
// 1.8.0..1.8.4, 2.8.0, 1.6.0; 32.7.0, 52.7.0, 72.7.0, 31.7.0, 51.7.0, 71.7.0, 14.7.0.
ReadoutConfig default_readout_config();

// The VDEW address of `item` ("1.8.0", "C.1.0", "F.F"), with "*NN" appended when `billing_counter`
// is given (>= 0; shown modulo 100). kCapacity when `out` is too small.
Status vdew_address(const meter::Obis& item, int billing_counter, std::span<char> out, std::size_t* size);

class MeterReadout final : public iec62056_21::ReadoutSource {
 public:
  static constexpr std::size_t kMaxDataSet = 128;  // one formatted item, as the engine's line

  // Refuses: more than 64 items, a string out of its limits, an item the meter cannot show (no
  // such register; a billing period on a register outside the billing capture list; 0.1.2 without
  // a billing period; F other than 255, 0..99, 101..125), or two items with the same address.
  static Status validate(const ReadoutConfig& config, const meter::Meter& meter);
  // The items' part of validate (also an empty list is refused); `bad`, when given, receives the
  // index of the refused item (the count for a list too long or empty).
  static Status validate_items(std::span<const meter::Obis> items, const meter::Meter& meter,
                               std::size_t* bad = nullptr);

  // Precondition: validate(config, meter).is_ok(). `meter` must outlive the readout.
  MeterReadout(const meter::Meter& meter, const ReadoutConfig& config);

  // From now on the readout takes its items from `list` (which outlives the readout): at once,
  // and again whenever its generation moves, at the start of the next readout (a readout under
  // way is finished with the list it began with) or the next R1 read. Precondition: every list
  // the items are taken from passes validate_items.
  void follow(const ReadoutList* list);

  // The readout list (0.0.21.0.0.255 attribute 2, the capture objects).
  std::span<const meter::Obis> items() const { return {items_.data(), count_}; }

  // The data set of item k as of now, into `out`; false if it has no value now (a billing period
  // not yet closed or no longer kept) or `out` is too small.
  bool format_item(std::size_t k, std::span<char> out, std::size_t* size) const;

  // ReadoutSource.
  bool readout_line(std::size_t index, std::span<char> out, std::size_t* size) override;
  std::size_t password_operand(std::span<char> out) override;
  bool check_password(char level, std::string_view password) override;
  bool read_data_set(std::string_view address, std::string_view argument, std::span<char> out,
                     std::size_t* size) override;
  bool write_data_set(std::string_view address, std::string_view value) override;  // always false

 private:
  // The billing entry item k shows (nullptr for a current value or when there is none).
  const meter::BillingEntry* billing_entry(const meter::Obis& item) const;
  bool format_value(const meter::Obis& item, const meter::BillingEntry* entry, std::span<char> out,
                    std::size_t* size) const;

  // Takes the followed list's items if its generation moved.
  void take_list();

  const meter::Meter& meter_;
  const ReadoutList* list_ = nullptr;
  std::uint32_t list_generation_ = 0;
  std::array<meter::Obis, kMaxReadoutItems> items_{};
  std::size_t count_ = 0;
  std::array<char, kMaxSerialNumber> serial_{};
  std::size_t serial_size_ = 0;
  std::array<char, kMaxPassword> password_{};
  std::size_t password_size_ = 0;
  // readout_line() walks the list once per readout: the next line index and the item it starts at.
  std::size_t next_line_ = 0;
  std::size_t next_item_ = 0;
};

}  // namespace quadra::io
