// ICU word segmentation over UTF-8 through a UText, so offsets are byte offsets.
#include "CICU.h"
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

struct tt_wordbreak {
    UBreakIterator *bi;
    UText *ut;
};

tt_wordbreak *tt_wordbreak_open(void) {
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
    if (U_FAILURE(st)) return NULL;
    tt_wordbreak *wb = calloc(1, sizeof(tt_wordbreak));
    if (!wb) { ubrk_close(bi); return NULL; }
    wb->bi = bi;
    return wb;
}

void tt_wordbreak_close(tt_wordbreak *wb) {
    if (!wb) return;
    if (wb->ut) utext_close(wb->ut);
    ubrk_close(wb->bi);
    free(wb);
}

int32_t tt_wordbreak_utf8(tt_wordbreak *wb, const char *text, int32_t len,
                          int32_t *starts, int32_t *ends, int32_t *kinds, int32_t cap) {
    UErrorCode st = U_ZERO_ERROR;
    wb->ut = utext_openUTF8(wb->ut, text, len, &st);
    if (U_FAILURE(st)) return -1;
    ubrk_setUText(wb->bi, wb->ut, &st);
    if (U_FAILURE(st)) return -1;
    int32_t count = 0;
    int32_t start = ubrk_first(wb->bi);
    for (int32_t end = ubrk_next(wb->bi); end != UBRK_DONE; start = end, end = ubrk_next(wb->bi)) {
        int32_t status = ubrk_getRuleStatus(wb->bi);
        int32_t kind;
        if (status < UBRK_WORD_NONE_LIMIT) continue;
        else if (status < UBRK_WORD_NUMBER_LIMIT) kind = TT_WORD_NUMBER;
        else if (status < UBRK_WORD_LETTER_LIMIT) kind = TT_WORD_LETTER;
        else if (status < UBRK_WORD_KANA_LIMIT) kind = TT_WORD_KANA;
        else kind = TT_WORD_IDEO;
        if (count < cap) {
            starts[count] = start;
            ends[count] = end;
            kinds[count] = kind;
        }
        count++;
    }
    return count;
}
