/*
 * translit.h - phonetic matching keys for names across languages and
 * transliteration conventions: "Choïgou" / "Shoigu", "Poutine" / "Putin",
 * "Koursk" / "Kursk", "Kim Jong-Un" / "Kim-Jong Un" give equal keys.
 * General spelling rules only (no name lists).
 */
#ifndef RC_TRANSLIT_H
#define RC_TRANSLIT_H
#include <stddef.h>

/* Write the phonetic key of s[n] (UTF-8) to out (cap >= 1 bytes,
 * NUL-terminated, truncated at cap): case and accents folded, word
 * separators (space, hyphen, apostrophe, dot) removed, then per word
 * "tch"/"sch"/"sh" -> "ch", "zh"/"dj" -> "j", "kh" -> "h", "ph" -> "f", "th" -> "t",
 * "ou"/"oo" -> "u", "gu" before e/i -> "g", "qu"/"q"/"ck"/hard "c" -> "k",
 * soft "c" -> "s", "y" -> "i", "w" -> "v", doubled letters collapsed, a
 * final "e" dropped from words longer than three letters and a final "a"
 * after "i" from words longer than four ("Velaria" / "Vélarie"). Returns the key
 * length. Linear in n. */
size_t rc_translit_key(const char *s, size_t n, char *out, size_t cap);

#endif
