"""Page forms of the users page: create a user, act on one (CSRF-checked)."""
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import Length, Optional

from market.auth.forms import REQUIRED, optional_int


class CreateUserForm(FlaskForm):
    role = SelectField("Vai trò", validate_choice=False)
    username = StringField("Tên đăng nhập", validators=[REQUIRED, Length(max=80)])
    display_name = StringField("Họ tên hiển thị", validators=[REQUIRED, Length(max=120)])
    merchant_id = SelectField("Hộ kinh doanh", coerce=optional_int, validate_choice=False, validators=[Optional()])
    village_id = IntegerField("Mã thôn (trưởng thôn)", validators=[Optional()])
    commune_code = StringField("Mã xã (cán bộ xã)", validators=[Optional(), Length(max=5)])


class ActionForm(FlaskForm):
    """A button that changes something: just the CSRF token."""
