// CICU: the only place Telltale includes ICU headers.
//
// Every function takes and returns plain C types (UTF-8 bytes, int32_t), so Swift code never
// sees ICU types. ICU's versioned symbol names (ubrk_open_72, ...) are resolved here by the
// headers. All functions are thread-safe unless noted.
#ifndef TELLTALE_CICU_H
#define TELLTALE_CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ICU version string, e.g. "72.1" (for model provenance). Writes at most cap bytes incl. NUL.
void tt_icu_version(char *out, int32_t cap);

/// NFKC + full case folding + removal of default-ignorable code points (ICU's NFKC_Casefold),
/// UTF-8 in and out. Invalid UTF-8 is replaced by U+FFFD. Returns the number of bytes the full
/// result needs (may exceed dst_cap: call again with a larger buffer), or -1 on an ICU error.
int32_t tt_nfkc_casefold(const char *src, int32_t src_len, char *dst, int32_t dst_cap);

/// Script classes Telltale distinguishes (a coarse view of ICU's UScriptCode).
enum {
    TT_SCRIPT_COMMON = 0,   // digits, punctuation, symbols, emoji, spaces
    TT_SCRIPT_LATIN = 1,
    TT_SCRIPT_HAN = 2,
    TT_SCRIPT_HIRAGANA = 3,
    TT_SCRIPT_KATAKANA = 4,
    TT_SCRIPT_HANGUL = 5,
    TT_SCRIPT_CYRILLIC = 6,
    TT_SCRIPT_GREEK = 7,
    TT_SCRIPT_OTHER = 8,    // any other script (Arabic, Thai, Devanagari, ...)
    TT_SCRIPT_INHERITED = 9 // combining marks that take the script of the base character
};

/// True when NFKC_Casefold normalisation never changes across a split right before code point
/// `cp` (ICU unorm2_hasBoundaryBefore), so text can be normalised in pieces cut there.
int32_t tt_nfkc_casefold_has_boundary_before(int32_t cp);

/// Script class of one code point (ICU uscript_getScript, folded into the TT_SCRIPT_* classes).
int32_t tt_script_class(int32_t code_point);

/// Confusable skeleton (ICU uspoof, UTS #39) of one code point, as UTF-8 into out (NUL-terminated
/// when it fits). Returns the skeleton's byte length, or -1 on error.
int32_t tt_confusable_skeleton(int32_t code_point, char *out, int32_t cap);

/// An ICU word-break iterator. Not thread-safe: use one per thread.
typedef struct tt_wordbreak tt_wordbreak;

/// Opens a word-break iterator for the root locale (dictionary segmentation for Chinese,
/// Japanese, Thai...). Returns NULL on failure.
tt_wordbreak *tt_wordbreak_open(void);
void tt_wordbreak_close(tt_wordbreak *wb);

/// Token kinds (ICU word-break rule status ranges).
enum {
    TT_WORD_NUMBER = 1,  // UBRK_WORD_NUMBER
    TT_WORD_LETTER = 2,  // UBRK_WORD_LETTER
    TT_WORD_KANA = 3,    // UBRK_WORD_KANA
    TT_WORD_IDEO = 4     // UBRK_WORD_IDEO
};

/// Segments UTF-8 text into word-like tokens (spaces and punctuation are skipped). Writes the
/// byte range [starts[i], ends[i]) and kind (TT_WORD_*) of up to cap tokens. Returns the total
/// number of tokens (may exceed cap: call again with larger arrays), or -1 on an ICU error.
int32_t tt_wordbreak_utf8(tt_wordbreak *wb, const char *text, int32_t len,
                          int32_t *starts, int32_t *ends, int32_t *kinds, int32_t cap);

/// Streaming form of tt_wordbreak_utf8 for long texts: tt_wordbreak_set_utf8 points the iterator
/// at `text` (which must stay valid and unchanged until the next set), then each call of
/// tt_wordbreak_next fills up to cap tokens (byte offsets relative to `text`) and returns how many
/// it wrote: 0 once the text is exhausted, -1 on an ICU error.
int32_t tt_wordbreak_set_utf8(tt_wordbreak *wb, const char *text, int32_t len);
int32_t tt_wordbreak_next(tt_wordbreak *wb, int32_t *starts, int32_t *ends, int32_t *kinds, int32_t cap);

#ifdef __cplusplus
}
#endif
#endif
