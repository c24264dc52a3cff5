"""Officers' page of the bank feeds (placeholder while the page is built)."""
from flask import Blueprint

blueprint = Blueprint("feeds", __name__, url_prefix="/nguon-tien-vao")
