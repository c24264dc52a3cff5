"""Place names as people read them: the kind word once ("Thôn Bến Đò", never "Thôn Thôn 2" or "Xã Xã Lạc Đạo")."""

from typing import Any

from market.places.models import COMMUNE_TYPES, VILLAGE_KINDS

# Words an official or village-chosen name may already start with.
PLACE_WORDS = tuple(f"{word} " for word in (*COMMUNE_TYPES, *VILLAGE_KINDS, "chợ", "đường", "phố", "tuyến"))


def place_title(kind_label: Any, name: str) -> str:
    """`name` after its kind ("Thôn" + "Bến Đò"), unless the name already starts with a kind word."""
    if name.lower().startswith(PLACE_WORDS):
        return name
    return f"{str(kind_label).capitalize()} {name}"
