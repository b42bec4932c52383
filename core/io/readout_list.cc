#include "core/io/readout_list.h"

#include <cmath>
#include <cstring>

#include "core/clock/time_zone.h"
#include "core/link/iec62056_21/messages.h"

namespace quadra::io {
namespace {

using iec62056_21::DataSetValue;
using meter::Obis;
using meter::RegisterValue;
using meter::Unit;

constexpr Obis kErrorRegister{0, 0, 97, 97, 0};

bool is_billing_f(std::uint8_t f) { return f <= 99 || (f >= 101 && f <= 125); }
Obis current_of(const Obis& o) { return Obis(o.a(), o.b(), o.c(), o.d(), o.e(), 255); }
bool is_billing_time(const Obis& o) { return current_of(o) == billing_time_obis(255); }
bool is_computed(const Obis& o) { return o == kSerialNumberObis || o == kLocalTimeObis || o == kLocalDateObis; }

bool clean_text(std::string_view s, std::size_t max) {
  if (s.empty() || s.size() > max) return false;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7F || c == '(' || c == ')' || c == '*' || c == '/' || c == '!') return false;
  }
  return true;
}

bool is_energy(Unit u) { return u == Unit::kWh || u == Unit::kvarh || u == Unit::kVAh; }
bool is_power(Unit u) { return u == Unit::kW || u == Unit::kvar || u == Unit::kVA; }

const char* vdew_unit(Unit u) {
  switch (u) {
    case Unit::kWh: return "kWh";
    case Unit::kvarh: return "kvarh";
    case Unit::kVAh: return "kVAh";
    case Unit::kW: return "kW";
    case Unit::kvar: return "kvar";
    case Unit::kVA: return "kVA";
    default: return meter::unit_symbol(u);
  }
}

double pow10(int n) {
  double r = 1.0;
  for (int i = 0; i < n; ++i) r *= 10.0;
  for (int i = 0; i > n; --i) r /= 10.0;
  return r;
}

// Two decimal digits of v (0..99) at out[0], out[1].
void two_digits(int v, char* out) {
  const int x = v < 0 ? 0 : v % 100;
  out[0] = static_cast<char>('0' + x / 10);
  out[1] = static_cast<char>('0' + x % 10);
}

// A capture time (UTC seconds, 0 = never) as YYMMDDhhmm local time.
void local_timestamp(const clock::TimeZone& tz, double utc_s, std::span<char> out, std::size_t* size) {
  if (utc_s <= 0.0) {
    for (std::size_t i = 0; i < 10; ++i) out[i] = '0';
    *size = 10;
    return;
  }
  const clock::CivilDateTime t = clock::to_local(tz, static_cast<clock::UtcSeconds>(std::floor(utc_s)));
  (void)iec62056_21::format_timestamp(t.year, t.month, t.day, t.hour, t.minute, out, size);
}

// The letter VDEW uses for 96..99 in the C and D groups, or '\0'.
char letter_of(std::uint8_t x) {
  switch (x) {
    case 96: return 'C';
    case 97: return 'F';
    case 98: return 'L';
    case 99: return 'P';
    default: return '\0';
  }
}

struct Out {
  std::span<char> out;
  std::size_t pos = 0;
  bool overflow = false;
  void put(char c) {
    if (pos < out.size()) {
      out[pos++] = c;
    } else {
      overflow = true;
    }
  }
  void number(unsigned v) {
    char d[3];
    int n = 0;
    do {
      d[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v > 0);
    while (n > 0) put(d[--n]);
  }
  void group(std::uint8_t x) {
    if (const char l = letter_of(x)) {
      put(l);
    } else {
      number(x);
    }
  }
};

}  // namespace

Status vdew_address(const Obis& item, int billing_counter, std::span<char> out, std::size_t* size) {
  *size = 0;
  Out w{out};
  w.group(item.c());
  w.put('.');
  w.group(item.d());
  if (!(item.c() == 97 && item.d() == 97 && item.e() == 0)) {  // "F.F"
    w.put('.');
    w.number(item.e());
  }
  if (billing_counter >= 0) {
    char nn[2];
    two_digits(billing_counter % 100, nn);
    w.put('*');
    w.put(nn[0]);
    w.put(nn[1]);
  }
  if (w.overflow) return Status::error(StatusCode::kCapacity, "readout.address", "output buffer too small");
  *size = w.pos;
  return Status::ok();
}

ReadoutConfig default_readout_config() {
  ReadoutConfig c;
  std::size_t n = 0;
  auto add = [&](const Obis& o) { c.items[n++] = o; };
  add(kSerialNumberObis);
  add(kLocalTimeObis);
  add(kLocalDateObis);
  add(kErrorRegister);
  add(Obis(0, 0, 0, 1, 0));  // billing counter
  for (std::uint8_t cc : {std::uint8_t{1}, std::uint8_t{2}}) {
    for (std::uint8_t t = 0; t <= 4; ++t) add(Obis(1, 0, cc, 8, t));
  }
  add(Obis(1, 0, 3, 8, 0));
  add(Obis(1, 0, 4, 8, 0));
  add(Obis(1, 0, 1, 6, 0));
  add(Obis(1, 0, 1, 2, 0));
  const std::uint8_t last = kMostRecentBillingPeriod;
  add(billing_time_obis(last));
  for (std::uint8_t t = 0; t <= 4; ++t) add(Obis(1, 0, 1, 8, t, last));
  add(Obis(1, 0, 2, 8, 0, last));
  add(Obis(1, 0, 1, 6, 0, last));
  for (std::uint8_t cc : {std::uint8_t{32}, std::uint8_t{52}, std::uint8_t{72}, std::uint8_t{31}, std::uint8_t{51},
                          std::uint8_t{71}, std::uint8_t{14}})
    add(Obis(1, 0, cc, 7, 0));
  c.count = n;
  return c;
}

Status MeterReadout::validate(const ReadoutConfig& config, const meter::Meter& meter) {
  if (!clean_text(config.serial_number, kMaxSerialNumber))
    return Status::invalid("readout.serial_number", "1 to 16 printable characters, none of ( ) * / !");
  if (!clean_text(config.password, kMaxPassword))
    return Status::invalid("readout.password", "1 to 16 printable characters, none of ( ) * / !");
  if (config.count > kMaxReadoutItems) return Status::error(StatusCode::kCapacity, "readout.items", "more than 64 items");
  return validate_items({config.items.data(), config.count}, meter);
}

Status MeterReadout::validate_items(std::span<const Obis> items, const meter::Meter& meter, std::size_t* bad) {
  if (bad != nullptr) *bad = items.size();
  if (items.size() > kMaxReadoutItems) return Status::error(StatusCode::kCapacity, "readout.items", "more than 64 items");
  if (items.empty()) return Status::invalid("readout.items", "a readout of no item");
  const std::span<const Obis> captured = meter.billing().capture_list();
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (bad != nullptr) *bad = k;
    const Obis& o = items[k];
    const std::uint8_t f = o.f();
    const Obis base = current_of(o);
    RegisterValue v;
    if (f == 255) {
      if (is_billing_time(o)) return Status::invalid("readout.items", "0.1.2 (billing time stamp) needs a billing period in F");
      if (!is_computed(o) && !meter.read(o, v)) return Status::invalid("readout.items", "names no register of the meter");
    } else if (is_billing_f(f)) {
      if (!is_billing_time(o)) {
        bool in_list = false;
        for (const Obis& c : captured) in_list = in_list || c == base;
        if (!in_list || !meter.read(base, v))
          return Status::invalid("readout.items", "a billing value of a register outside the billing capture list");
      }
    } else {
      return Status::invalid("readout.items", "F must be 255 (current), 0..99 or 101..125 (billing period)");
    }
    for (std::size_t j = 0; j < k; ++j) {
      const Obis& p = items[j];
      if (p.c() == o.c() && p.d() == o.d() && p.e() == o.e() && p.f() == o.f())
        return Status::invalid("readout.items", "two items with the same address");
    }
  }
  if (bad != nullptr) *bad = items.size();
  return Status::ok();
}

void MeterReadout::follow(const ReadoutList* list) {
  list_ = list;
  if (list_ == nullptr) return;
  list_generation_ = list_->generation + 1;  // take it now
  take_list();
}

void MeterReadout::take_list() {
  if (list_ == nullptr || list_->generation == list_generation_) return;
  list_generation_ = list_->generation;
  count_ = list_->count <= kMaxReadoutItems ? list_->count : kMaxReadoutItems;
  for (std::size_t k = 0; k < count_; ++k) items_[k] = list_->items[k];
  next_line_ = 0;
  next_item_ = 0;
}

MeterReadout::MeterReadout(const meter::Meter& meter, const ReadoutConfig& config) : meter_(meter) {
  count_ = config.count <= kMaxReadoutItems ? config.count : kMaxReadoutItems;
  for (std::size_t k = 0; k < count_; ++k) items_[k] = config.items[k];
  serial_size_ = config.serial_number.size() <= kMaxSerialNumber ? config.serial_number.size() : kMaxSerialNumber;
  std::memcpy(serial_.data(), config.serial_number.data(), serial_size_);
  password_size_ = config.password.size() <= kMaxPassword ? config.password.size() : kMaxPassword;
  std::memcpy(password_.data(), config.password.data(), password_size_);
}

const meter::BillingEntry* MeterReadout::billing_entry(const Obis& item) const {
  const std::uint8_t f = item.f();
  const meter::BillingProfile& b = meter_.billing();
  const std::size_t used = b.entries_in_use();
  if (f >= 101 && f <= 125) {
    const std::size_t back = f - 100u;
    return back <= used ? &b.entry(used - back) : nullptr;
  }
  if (f <= 99) {
    for (std::size_t k = used; k > 0; --k) {
      if (b.entry(k - 1).counter % 100 == f) return &b.entry(k - 1);
    }
  }
  return nullptr;
}

bool MeterReadout::format_value(const Obis& item, const meter::BillingEntry* entry, std::span<char> out,
                                std::size_t* size) const {
  *size = 0;
  char address[iec62056_21::kMaxAddress];
  std::size_t address_size = 0;
  if (!vdew_address(item, entry ? static_cast<int>(entry->counter % 100) : -1, address, &address_size).is_ok())
    return false;
  const std::string_view addr(address, address_size);
  const clock::TimeZone& tz = meter_.rtc().time_zone();

  char value[iec62056_21::kMaxValue];
  std::size_t value_size = 0;
  char stamp[10];
  std::size_t stamp_size = 0;
  DataSetValue values[2];
  std::size_t n_values = 1;
  const char* unit = "";

  if (item == kSerialNumberObis) {
    values[0] = {std::string_view(serial_.data(), serial_size_), ""};
    return iec62056_21::format_data_set(addr, std::span(values, 1), out, size).is_ok();
  }
  if (item == kLocalTimeObis || item == kLocalDateObis) {
    const clock::CivilDateTime t = meter_.rtc().local(meter_.meter_time_s());
    const bool time = item == kLocalTimeObis;
    two_digits(time ? t.hour : t.year % 100, value);
    two_digits(time ? t.minute : t.month, value + 2);
    two_digits(time ? t.second : t.day, value + 4);
    value_size = 6;
  } else if (is_billing_time(item)) {
    if (entry == nullptr) return false;
    local_timestamp(tz, entry->utc_s, value, &value_size);
  } else {
    const Obis base = current_of(item);
    RegisterValue v;
    if (!meter_.read(base, v)) return false;
    double x = v.value;
    double capture_utc_s = v.capture_utc_s;
    if (item.f() != 255) {
      if (entry == nullptr) return false;
      const std::span<const Obis> captured = meter_.billing().capture_list();
      std::size_t index = captured.size();
      for (std::size_t k = 0; k < captured.size(); ++k) {
        if (captured[k] == base) {
          index = k;
          break;
        }
      }
      if (index >= captured.size() || !entry->values[index].valid) return false;
      x = entry->values[index].value;
      capture_utc_s = entry->values[index].capture_utc_s;
    }
    Status s;
    if (base == kErrorRegister) {
      auto bits = static_cast<std::uint32_t>(x < 0.0 ? 0.0 : x);
      constexpr char kHex[] = "0123456789ABCDEF";
      for (int i = 7; i >= 0; --i) {
        value[i] = kHex[bits & 0xF];
        bits >>= 4;
      }
      value_size = 8;
    } else if (is_energy(v.unit) || is_power(v.unit)) {
      const bool energy = is_energy(v.unit);
      const double shown = meter::readout_value(x, v.scaler, energy);  // Wh, W, ... at the resolution
      int decimals = 3 - v.scaler;
      decimals = decimals < 0 ? 0 : (decimals > 9 ? 9 : decimals);
      const auto scaled = static_cast<std::int64_t>(std::llround(shown * pow10(decimals - 3)));
      s = iec62056_21::format_fixed(scaled, decimals, energy ? 6 : 2, value, &value_size);
      unit = vdew_unit(v.unit);
    } else if (v.unit == Unit::kV || v.unit == Unit::kA || v.unit == Unit::kHz) {
      const int decimals = v.unit == Unit::kV ? 1 : 2;
      const int digits = v.unit == Unit::kHz ? 2 : 3;
      const auto scaled = static_cast<std::int64_t>(std::llround(x * pow10(decimals)));
      s = iec62056_21::format_fixed(scaled, decimals, digits, value, &value_size);
      unit = vdew_unit(v.unit);
    } else if (v.unit == Unit::kCount || v.unit == Unit::kSecond) {
      s = iec62056_21::format_fixed(static_cast<std::int64_t>(std::llround(x)), 0, v.unit == Unit::kCount ? 2 : 1, value,
                                    &value_size);
      unit = v.unit == Unit::kSecond ? "s" : "";
    } else {  // V2h, A2h
      s = iec62056_21::format_fixed(static_cast<std::int64_t>(std::llround(x * 1000.0)), 3, 1, value, &value_size);
      unit = vdew_unit(v.unit);
    }
    if (!s.is_ok()) return false;
    if (v.has_capture_time) {
      local_timestamp(tz, capture_utc_s, stamp, &stamp_size);
      values[1] = {std::string_view(stamp, stamp_size), ""};
      n_values = 2;
    }
  }
  values[0] = {std::string_view(value, value_size), unit};
  return iec62056_21::format_data_set(addr, std::span(values, n_values), out, size).is_ok();
}

bool MeterReadout::format_item(std::size_t k, std::span<char> out, std::size_t* size) const {
  *size = 0;
  if (k >= count_) return false;
  const Obis& item = items_[k];
  const meter::BillingEntry* entry = nullptr;
  if (item.f() != 255) {
    entry = billing_entry(item);
    if (entry == nullptr) return false;
  }
  return format_value(item, entry, out, size);
}

bool MeterReadout::readout_line(std::size_t index, std::span<char> out, std::size_t* size) {
  *size = 0;
  if (index == 0) take_list();
  if (index == 0 || index != next_line_) {  // a new readout, or not the next line: walk from the start
    next_line_ = 0;
    next_item_ = 0;
    while (next_line_ < index) {
      while (next_item_ < count_ && !format_item(next_item_, out, size)) ++next_item_;
      if (next_item_ >= count_) return false;
      ++next_item_;
      ++next_line_;
    }
  }
  while (next_item_ < count_) {
    const std::size_t k = next_item_++;
    if (format_item(k, out, size)) {
      ++next_line_;
      return true;
    }
  }
  // The readout ends here; the next readout starts again at line 0.
  next_line_ = 0;
  next_item_ = 0;
  *size = 0;
  return false;
}

std::size_t MeterReadout::password_operand(std::span<char> out) {
  const std::size_t n = serial_size_ <= out.size() ? serial_size_ : out.size();
  std::memcpy(out.data(), serial_.data(), n);
  return n;
}

bool MeterReadout::check_password(char level, std::string_view password) {
  return level == '1' && password == std::string_view(password_.data(), password_size_);
}

bool MeterReadout::read_data_set(std::string_view address, std::string_view argument, std::span<char> out,
                                 std::size_t* size) {
  (void)argument;  // no item takes an argument
  *size = 0;
  take_list();
  std::string_view base = address;
  int period = -1;  // "*NN": the billing counter modulo 100
  if (const std::size_t star = address.find('*'); star != std::string_view::npos) {
    base = address.substr(0, star);
    const std::string_view nn = address.substr(star + 1);
    if (nn.empty() || nn.size() > 2) return false;
    period = 0;
    for (const char c : nn) {
      if (c < '0' || c > '9') return false;
      period = period * 10 + (c - '0');
    }
  }
  char own[iec62056_21::kMaxAddress];
  for (std::size_t k = 0; k < count_; ++k) {
    const Obis& item = items_[k];
    std::size_t own_size = 0;
    if (!vdew_address(item, -1, own, &own_size).is_ok() || std::string_view(own, own_size) != base) continue;
    if (period < 0) {
      if (item.f() == 255) return format_item(k, out, size);
      continue;
    }
    if (item.f() == 255) continue;
    // Any kept period whose counter ends in NN, the newest first.
    const meter::BillingProfile& b = meter_.billing();
    for (std::size_t e = b.entries_in_use(); e > 0; --e) {
      const meter::BillingEntry& entry = b.entry(e - 1);
      if (static_cast<int>(entry.counter % 100) == period) return format_value(item, &entry, out, size);
    }
    return false;
  }
  return false;
}

bool MeterReadout::write_data_set(std::string_view address, std::string_view value) {
  (void)address;
  (void)value;
  return false;
}

}  // namespace quadra::io
