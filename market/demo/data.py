"""The fictitious people, shops and products of the demo village (plausible, invented)."""
import random
from collections.abc import Iterator
from datetime import date

COMMUNE = "11992"  # Xã Lạc Đạo, tỉnh Hưng Yên (official list)
VILLAGES = ("Đông Hoà", "Trung Lập", "Tây Sơn")  # the kind (thôn) is shown before the name
MARKET = "Chợ Trung Lập"
STREET = "Tuyến phố Đông Hoà"
BINS = ("970436", "970415", "970418", "970405", "970422", "970407", "970432", "970403", "970416", "970423")
PASSWORD = "cho40-demo-2025"
USERS = (  # username, display name, role, scope
    ("demo-admin", "Quản trị demo", "admin", None),
    ("demo-xa", "Cán bộ xã demo", "commune", None),
    ("demo-truongthon", "Trưởng thôn Trung Lập (demo)", "village_head", VILLAGES[1]),
    ("demo-tieuthuong", "Tiểu thương demo", "merchant", VILLAGES[1]),
)

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô", "Dương", "Lương")
MIDDLE_F, MIDDLE_M = ("Thị", "Thị Thu", "Thị Minh", "Thị Ngọc"), ("Văn", "Đức", "Minh", "Quang")
GIVEN_F = ("Hoa", "Lan", "Hạnh", "Mai", "Huệ", "Thuý", "Nga", "Hằng", "Liên", "Yến", "Oanh", "Hương")
GIVEN_M = ("Hùng", "Dũng", "Tuấn", "Bình", "Cường", "Thắng", "Long", "Sơn", "Hải", "Nam")
STALL_GOODS = (("rau củ", "Rau"), ("thịt", "Thịt lợn"), ("cá", "Cá tươi"), ("hoa quả", "Hoa quả"),
               ("đồ khô", "Đồ khô"), ("quần áo", "Quần áo"), ("ăn uống", "Bún riêu"), ("gạo", "Gạo"),
               ("đậu phụ", "Đậu phụ"), ("gia vị", "Gia vị"))
SHOPS = (("tạp hoá", "Tạp hoá"), ("ăn uống", "Quán phở"), ("ăn uống", "Cà phê"), ("thuốc", "Nhà thuốc"),
         ("điện thoại", "Điện thoại"), ("may mặc", "Tiệm may"), ("xe máy", "Sửa xe"), ("bánh", "Tiệm bánh"))
OCOP = (  # product, group, stars
    ("Nhãn lồng sấy khô", 1, 4), ("Mật ong hoa nhãn", 1, 4), ("Tương bần", 1, 3), ("Chè sen", 2, 3),
    ("Rượu nếp cái hoa vàng", 2, 3), ("Bánh cuốn chả", 1, 3), ("Gà Đông Tảo", 1, 5), ("Miến dong", 1, 3),
    ("Trà hoa hoè", 3, 4), ("Chiếu cói", 5, 3),
)


def person(rng: random.Random) -> tuple[str, str]:
    """A fictitious full name and the short name used on a sign (Cô/Anh + given name)."""
    if rng.random() < 0.7:
        given = rng.choice(GIVEN_F)
        return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_F)} {given}", f"{rng.choice(('Cô', 'Chị', 'Bà'))} {given}"
    given = rng.choice(GIVEN_M)
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE_M)} {given}", f"{rng.choice(('Anh', 'Chú', 'Bác'))} {given}"


def merchants() -> Iterator[dict[str, object]]:
    """Every demo merchant, always the same (seeded), with where it sells."""
    rng = random.Random(2025)
    for n in range(1, 61):
        owner, sign = person(rng)
        category, goods = STALL_GOODS[n % len(STALL_GOODS)]
        stall = f"{'ABC'[n % 3]}{n:02d}"
        yield {"display_name": f"{goods} {sign} (sạp {stall})", "owner_name": owner, "category": category,
               "village": VILLAGES[1], "stall_number": stall, "n": n}
    for n in range(61, 86):
        owner, sign = person(rng)
        category, goods = SHOPS[n % len(SHOPS)]
        yield {"display_name": f"{goods} {sign} – số {n - 50}", "owner_name": owner, "category": category,
               "village": VILLAGES[0], "house_number": str(2 * (n - 60)), "n": n}
    for n, (product, _, _) in enumerate(OCOP, start=86):
        owner, sign = person(rng)
        yield {"display_name": f"Cơ sở {product} {sign}", "owner_name": owner, "category": "sản phẩm OCOP",
               "village": VILLAGES[2], "is_ocop": True, "n": n}


def phone(n: int) -> str:
    """A fictitious mobile number (the 0389 900 xxx block is invented for the demo)."""
    return f"0389{900000 + n:06d}"


def account_number(n: int) -> str:
    """A fictitious account number."""
    return f"8868{n:06d}"


def has_qr(n: int) -> bool:
    """A few merchants have not opened an account for QR payments yet."""
    return n % 9 != 0


def product(n: int) -> dict[str, object]:
    """The OCOP product of producer `n` (86…95) with a fictitious certificate."""
    name, group, stars = OCOP[n - 86]
    issued = date(2023 + n % 3, 1 + n % 12, 10)
    return {"name": name, "group": group, "stars": stars, "level": "central" if stars == 5 else "province",
            "certificate_number": f"{100 + n}/QĐ-UBND-DEMO", "issued_on": issued,
            "channels": [{"label": "Sàn OCOP", "url": "https://ocopvietnam.gov.vn/"}]}
