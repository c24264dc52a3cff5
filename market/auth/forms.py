"""Page forms (Flask-WTF: every one carries a CSRF token)."""
from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional

PASSWORD_LENGTH = Length(min=8, max=128, message="Mật khẩu cần từ 8 đến 128 ký tự.")
REQUIRED = DataRequired(message="Bắt buộc.")


def optional_int(value: object) -> int | None:
    """Coerce a select value; the empty "—" choice means none."""
    return None if value in ("", None) else int(value)  # type: ignore[arg-type]


class LoginForm(FlaskForm):
    username = StringField("Tên đăng nhập", validators=[REQUIRED, Length(max=80)])
    password = PasswordField("Mật khẩu", validators=[REQUIRED, Length(max=128)])


class LogoutForm(FlaskForm):
    """Only the CSRF token: logging out is a POST so another site cannot trigger it."""


class SetPasswordForm(FlaskForm):
    password = PasswordField("Mật khẩu mới", validators=[REQUIRED, PASSWORD_LENGTH])
    confirm = PasswordField("Nhập lại mật khẩu",
                            validators=[REQUIRED, EqualTo("password", message="Hai mật khẩu không khớp.")])


class ChangePasswordForm(SetPasswordForm):
    current_password = PasswordField("Mật khẩu hiện tại", validators=[REQUIRED, Length(max=128)])


class CreateUserForm(FlaskForm):
    role = SelectField("Vai trò", validate_choice=False)
    username = StringField("Tên đăng nhập", validators=[REQUIRED, Length(max=80)])
    display_name = StringField("Họ tên hiển thị", validators=[REQUIRED, Length(max=120)])
    merchant_id = SelectField("Hộ kinh doanh", coerce=optional_int, validate_choice=False, validators=[Optional()])
    village_id = IntegerField("Mã thôn (trưởng thôn)", validators=[Optional()])
    commune_code = StringField("Mã xã (cán bộ xã)", validators=[Optional(), Length(max=5)])


class ActionForm(FlaskForm):
    """A button that changes something: just the CSRF token."""
