// Script class of a code point and confusable skeletons (UTS #39).
#include "CICU.h"
#include <pthread.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

int32_t tt_script_class(int32_t cp) {
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript((UChar32)cp, &st);
    if (U_FAILURE(st)) return TT_SCRIPT_OTHER;
    switch (s) {
    case USCRIPT_COMMON: return TT_SCRIPT_COMMON;
    case USCRIPT_INHERITED: return TT_SCRIPT_INHERITED;
    case USCRIPT_LATIN: return TT_SCRIPT_LATIN;
    case USCRIPT_HAN: return TT_SCRIPT_HAN;
    case USCRIPT_HIRAGANA: return TT_SCRIPT_HIRAGANA;
    case USCRIPT_KATAKANA: return TT_SCRIPT_KATAKANA;
    case USCRIPT_KATAKANA_OR_HIRAGANA: return TT_SCRIPT_KATAKANA;
    case USCRIPT_HANGUL: return TT_SCRIPT_HANGUL;
    case USCRIPT_CYRILLIC: return TT_SCRIPT_CYRILLIC;
    case USCRIPT_GREEK: return TT_SCRIPT_GREEK;
    default: return TT_SCRIPT_OTHER;
    }
}

static USpoofChecker *spoof = NULL;
static pthread_once_t spoof_once = PTHREAD_ONCE_INIT;

static void open_spoof(void) {
    UErrorCode st = U_ZERO_ERROR;
    USpoofChecker *sc = uspoof_open(&st);
    if (U_SUCCESS(st)) spoof = sc;
}

int32_t tt_confusable_skeleton(int32_t cp, char *out, int32_t cap) {
    pthread_once(&spoof_once, open_spoof);
    if (!spoof) return -1;
    UChar in[2];
    int32_t in_len = 0;
    UBool err = 0;
    U16_APPEND((UChar *)in, in_len, 2, (UChar32)cp, err);
    if (err) return -1;
    UChar sk[32];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = uspoof_getSkeleton(spoof, 0, in, in_len, sk, 32, &st);
    if (U_FAILURE(st)) return -1;
    int32_t out_len = 0;
    u_strToUTF8(out, cap, &out_len, sk, n, &st);
    if (U_FAILURE(st) && st != U_BUFFER_OVERFLOW_ERROR && st != U_STRING_NOT_TERMINATED_WARNING) return -1;
    return out_len;
}
