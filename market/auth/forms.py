"""Page forms (Flask-WTF: every one carries a CSRF token)."""
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

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
