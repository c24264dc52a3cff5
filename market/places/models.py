"""Province → commune → village, and the markets and streets inside them (no district level)."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from market.core.dbtypes import UTCDateTime, utcnow
from market.core.extensions import db
from market.core.i18n import N_

# Stored as these Vietnamese words; N_ puts them in the catalogue for pages (the `translated` filter).
COMMUNE_TYPES = (N_("xã"), N_("phường"), N_("đặc khu"))
VILLAGE_KINDS = (
    N_("thôn"),
    N_("xóm"),
    N_("bản"),
    N_("ấp"),
    N_("tổ dân phố"),
    N_("khu phố"),
    N_("buôn"),
    N_("làng"),
    N_("khóm"),
)


class Province(db.Model):
    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    full_name: Mapped[str] = mapped_column(String(120))
    type: Mapped[str] = mapped_column(String(40))


class Commune(db.Model):
    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    full_name: Mapped[str] = mapped_column(String(120))
    type: Mapped[str] = mapped_column(String(10))
    province_code: Mapped[str] = mapped_column(ForeignKey("province.code"), index=True)

    province: Mapped[Province] = relationship()


class Village(db.Model):
    __table_args__ = (UniqueConstraint("commune_code", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20), default="thôn")
    commune_code: Mapped[str] = mapped_column(ForeignKey("commune.code"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    commune: Mapped[Commune] = relationship()


class _PlaceInVillageOrCommune:
    """Markets and streets belong to a commune and, usually, one of its villages."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    commune_code: Mapped[str] = mapped_column(ForeignKey("commune.code"), index=True)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("village.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Market(_PlaceInVillageOrCommune, db.Model):
    __table_args__ = (UniqueConstraint("commune_code", "name"),)

    village: Mapped[Village | None] = relationship()
    commune: Mapped[Commune] = relationship()


class Street(_PlaceInVillageOrCommune, db.Model):
    __table_args__ = (UniqueConstraint("commune_code", "name"),)

    village: Mapped[Village | None] = relationship()
    commune: Mapped[Commune] = relationship()
