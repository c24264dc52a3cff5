"""Command line: encode a payload, decode one to JSON, render one as a PNG."""

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from vietqr.decode import decode
from vietqr.payload import VietQRError, encode

__all__ = ["main"]

EXIT_INVALID = 1
EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return the process exit status."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except VietQRError as error:
        print(f"vietqr: error: {error.field}: {error}", file=sys.stderr)
        return EXIT_USAGE


def _encode(args: argparse.Namespace) -> int:
    print(_payload(args))
    return 0


def _decode(args: argparse.Namespace) -> int:
    decoded = decode(args.payload)
    print(json.dumps(decoded.to_dict(), ensure_ascii=False))
    return 0 if decoded.valid else EXIT_INVALID


def _png(args: argparse.Namespace) -> int:
    if args.payload is None and (args.bin is None or args.account is None):
        args.parser.error("png needs --payload, or --bin and --account")
    payload = args.payload or _payload(args)
    from vietqr.image import render_png  # Pillow and qrcode load only for this command

    Path(args.output).write_bytes(render_png(payload, scale=args.scale, border=args.border))
    return 0


def _payload(args: argparse.Namespace) -> str:
    return encode(args.bin, args.account, amount=args.amount, purpose=args.purpose, service=args.service)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m vietqr", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    encoder = commands.add_parser("encode", help="print the VietQR payload of a transfer")
    _add_transfer(encoder, required=True)
    encoder.set_defaults(run=_encode)
    decoder = commands.add_parser("decode", help="print a payload's fields as JSON; exit 0 if valid")
    decoder.add_argument("payload")
    decoder.set_defaults(run=_decode)
    png = commands.add_parser("png", help="write the QR code of a transfer or payload as PNG")
    _add_png(png)
    png.set_defaults(run=_png, parser=png)
    return parser


def _add_transfer(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--bin", required=required, help="6-digit bank BIN, e.g. 970436")
    parser.add_argument("--account", required=required, help="account or card number")
    parser.add_argument("--amount", type=int, help="amount in VND (makes a one-sale QR)")
    parser.add_argument("--purpose", help="memo; Vietnamese is folded to ASCII, at most 25 characters")
    parser.add_argument("--service", default="QRIBFTTA", choices=["QRIBFTTA", "QRIBFTTC"])


def _add_png(parser: argparse.ArgumentParser) -> None:
    _add_transfer(parser, required=False)
    parser.add_argument("--payload", help="render this payload instead of encoding one")
    parser.add_argument("--scale", type=int, default=10, help="pixels per module")
    parser.add_argument("--border", type=int, default=4, help="quiet zone in modules")
    parser.add_argument("-o", "--output", required=True, help="PNG file to write")
