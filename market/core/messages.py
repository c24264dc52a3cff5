"""Validation messages in the reader's language: marshmallow's and webargs' English defaults and our own
schema messages (lazy strings) become the reader's language in one place, for the API and the pages."""
import re
from typing import Any

from flask_babel import gettext

from market.core.i18n import N_

# marshmallow/webargs English messages → our Vietnamese source text (placeholders become %(name)s).
_DEFAULTS = [
    ("Missing data for required field.", N_("Thiếu ô bắt buộc.")),
    ("Field may not be null.", N_("Không được để trống.")),
    ("Invalid value.", N_("Giá trị không hợp lệ.")),
    ("Invalid input.", N_("Giá trị không hợp lệ.")),
    ("Invalid input type.", N_("Kiểu dữ liệu không hợp lệ.")),
    ("Invalid type.", N_("Kiểu dữ liệu không hợp lệ.")),
    ("Unknown field.", N_("Ô không được hỗ trợ.")),
    ("Not a valid string.", N_("Phải là chữ.")),
    ("Not a valid utf-8 string.", N_("Phải là chữ UTF-8.")),
    ("Not a valid integer.", N_("Phải là số nguyên.")),
    ("Not a valid number.", N_("Phải là số.")),
    ("Number too large.", N_("Số quá lớn.")),
    ("Not a valid boolean.", N_("Phải là có/không.")),
    ("Not a valid date.", N_("Ngày không hợp lệ.")),
    ("Not a valid datetime.", N_("Thời điểm không hợp lệ.")),
    ("Not a valid aware datetime.", N_("Thời điểm phải có múi giờ.")),
    ("Not a valid naive datetime.", N_("Thời điểm không được có múi giờ.")),
    ("Not a valid time.", N_("Giờ không hợp lệ.")),
    ("Not a valid email address.", N_("Địa chỉ email không hợp lệ.")),
    ("Not a valid URL.", N_("Địa chỉ web không hợp lệ.")),
    ("Not a valid list.", N_("Phải là một danh sách.")),
    ("Not a valid mapping type.", N_("Phải là một bảng khoá–giá trị.")),
    ("Not a valid UUID.", N_("Mã UUID không hợp lệ.")),
    ("Special numeric values (nan or infinity) are not permitted.", N_("Không chấp nhận NaN hay vô cực.")),
    ("String does not match expected pattern.", N_("Không đúng định dạng.")),
    ("Invalid JSON body.", N_("Nội dung JSON không hợp lệ.")),
    ("Shorter than minimum length {min}.", N_("Ngắn hơn tối thiểu %(min)s ký tự.")),
    ("Longer than maximum length {max}.", N_("Dài hơn tối đa %(max)s ký tự.")),
    ("Length must be between {min} and {max}.", N_("Độ dài phải từ %(min)s đến %(max)s.")),
    ("Length must be {equal}.", N_("Độ dài phải đúng %(equal)s.")),
    ("Must be greater than or equal to {min} and less than or equal to {max}.",
     N_("Phải từ %(min)s đến %(max)s.")),
    ("Must be greater than {min} and less than {max}.", N_("Phải lớn hơn %(min)s và nhỏ hơn %(max)s.")),
    ("Must be greater than or equal to {min} and less than {max}.",
     N_("Phải từ %(min)s trở lên và nhỏ hơn %(max)s.")),
    ("Must be greater than or equal to {min}.", N_("Phải từ %(min)s trở lên.")),
    ("Must be greater than {min}.", N_("Phải lớn hơn %(min)s.")),
    ("Must be less than or equal to {max}.", N_("Phải không quá %(max)s.")),
    ("Must be less than {max}.", N_("Phải nhỏ hơn %(max)s.")),
    ("Must be one of: {choices}.", N_("Phải là một trong: %(choices)s.")),
    ("Must be equal to {other}.", N_("Phải bằng %(other)s.")),
    ('"{input}" cannot be formatted as a {obj_type}.', N_("\"%(input)s\" không đọc được.")),
]


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.*?)"
                              for i, part in enumerate(parts)))


PATTERNS = [(_pattern(english), source) for english, source in _DEFAULTS]


def translate_message(message: Any) -> str:
    """One message in the reader's language (a library default, a lazy string or our own text)."""
    text = str(message)
    for pattern, source in PATTERNS:
        found = pattern.fullmatch(text)
        if found:
            return gettext(source, **found.groupdict()) if found.groupdict() else gettext(source)
    return gettext(text)


def translate_messages(messages: Any) -> Any:
    """Every message in a nested {field: [message, …]} structure, in the reader's language."""
    if isinstance(messages, dict):
        # marshmallow keeps a lazy message as it is, not in a list: every field gets a list again here.
        return {key: translate_messages(value if isinstance(value, (dict, list, tuple)) else [value])
                for key, value in messages.items()}
    if isinstance(messages, (list, tuple)):
        return [translate_messages(value) for value in messages]
    return translate_message(messages)
