// NFKC_Casefold normalisation over UTF-8, through ICU's UTF-16 API.
#include "CICU.h"
#include <pthread.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

void tt_icu_version(char *out, int32_t cap) {
    UVersionInfo v;
    char buf[U_MAX_VERSION_STRING_LENGTH];
    u_getVersion(v);
    u_versionToString(v, buf);
    if (cap <= 0) return;
    strncpy(out, buf, (size_t)cap - 1);
    out[cap - 1] = 0;
}

// Per-thread scratch buffers so the hot path does not allocate per call. They are freed when
// their thread exits (a pthread key destructor): worker and dispatch threads come and go, and a
// thread that once normalised a 1 MB post would otherwise leave 3 MB behind (AddressSanitizer's
// leak check found it).
typedef struct { UChar *a, *b; } Scratch;
static _Thread_local UChar *scratch_a = NULL, *scratch_b = NULL;
static _Thread_local int32_t scratch_cap = 0;
static _Thread_local Scratch *scratch_owner = NULL;
static pthread_key_t scratch_key;
static pthread_once_t scratch_key_once = PTHREAD_ONCE_INIT;
static int scratch_key_ok = 0;

static void free_scratch(void *p) {
    Scratch *s = p;
    free(s->a);
    free(s->b);
    free(s);
}

static void make_scratch_key(void) {
    scratch_key_ok = pthread_key_create(&scratch_key, free_scratch) == 0;
}

static int ensure_scratch(int32_t need) {
    if (need <= scratch_cap) return 1;
    if (need > INT32_MAX / 3) return 0;
    if (!scratch_owner) {
        pthread_once(&scratch_key_once, make_scratch_key);
        if (!scratch_key_ok) return 0;
        Scratch *s = calloc(1, sizeof(Scratch));
        if (!s) return 0;
        if (pthread_setspecific(scratch_key, s) != 0) { free(s); return 0; }
        scratch_owner = s;
    }
    int32_t cap = need < 1024 ? 1024 : need + need / 2;
    UChar *a = realloc(scratch_a, (size_t)cap * sizeof(UChar));
    if (!a) return 0;
    scratch_a = scratch_owner->a = a;
    UChar *b = realloc(scratch_b, (size_t)cap * sizeof(UChar));
    if (!b) return 0;
    scratch_b = scratch_owner->b = b;
    scratch_cap = cap;
    return 1;
}

int32_t tt_nfkc_casefold_has_boundary_before(int32_t cp) {
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *norm = unorm2_getNFKCCasefoldInstance(&st);
    if (U_FAILURE(st)) return 0;
    return unorm2_hasBoundaryBefore(norm, (UChar32)cp) ? 1 : 0;
}

int32_t tt_nfkc_casefold(const char *src, int32_t src_len, char *dst, int32_t dst_cap) {
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *norm = unorm2_getNFKCCasefoldInstance(&st);
    if (U_FAILURE(st)) return -1;
    // UTF-16 never needs more units than UTF-8 has bytes.
    if (!ensure_scratch(src_len + 1)) return -1;
    int32_t u16_len = 0;
    u_strFromUTF8WithSub(scratch_a, scratch_cap, &u16_len, src, src_len, 0xFFFD, NULL, &st);
    if (U_FAILURE(st)) return -1;
    // NFKC_CF can expand (e.g. U+FDFA -> 18 units); retry once with the exact size.
    int32_t n = unorm2_normalize(norm, scratch_a, u16_len, scratch_b, scratch_cap, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        st = U_ZERO_ERROR;
        UChar *big = malloc((size_t)(n + 1) * sizeof(UChar));
        if (!big) return -1;
        n = unorm2_normalize(norm, scratch_a, u16_len, big, n + 1, &st);
        int32_t out_len = 0;
        if (U_SUCCESS(st)) {
            UErrorCode st2 = U_ZERO_ERROR;
            u_strToUTF8WithSub(dst, dst_cap, &out_len, big, n, 0xFFFD, NULL, &st2);
            if (U_FAILURE(st2) && st2 != U_BUFFER_OVERFLOW_ERROR && st2 != U_STRING_NOT_TERMINATED_WARNING) out_len = -1;
        } else {
            out_len = -1;
        }
        free(big);
        return out_len;
    }
    if (U_FAILURE(st)) return -1;
    int32_t out_len = 0;
    u_strToUTF8WithSub(dst, dst_cap, &out_len, scratch_b, n, 0xFFFD, NULL, &st);
    if (U_FAILURE(st) && st != U_BUFFER_OVERFLOW_ERROR) return -1;
    return out_len;
}
