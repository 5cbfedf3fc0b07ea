"""Messages of the record rules (core/rules.py) and of the bounds of bundle files: what a
typed value or an imported record breaks, and what a hostile file is refused for."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- typed values -------------------------------------------------------------------
    "err.text_control": (
        "{option} memuat karakter kendali {char}; tulis teks biasa",
        "{option} holds the control character {char}; type plain text",
    ),
    "err.day_too_late": (
        "{field} {value} terlalu jauh; tanggal paling lambat {latest}",
        "{field} {value} is too far ahead; dates end at {latest}",
    ),
}
