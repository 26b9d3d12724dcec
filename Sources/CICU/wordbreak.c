// ICU word segmentation over UTF-8 through a UText, so offsets are byte offsets.
#include "CICU.h"
#include <stdlib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

struct tt_wordbreak {
    UBreakIterator *bi;
    UText *ut;
    int32_t position; // last boundary returned by tt_wordbreak_next, or UBRK_DONE
};

tt_wordbreak *tt_wordbreak_open(void) {
    UErrorCode st = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
    if (U_FAILURE(st)) return NULL;
    tt_wordbreak *wb = calloc(1, sizeof(tt_wordbreak));
    if (!wb) { ubrk_close(bi); return NULL; }
    wb->bi = bi;
    wb->position = UBRK_DONE;
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
    wb->position = UBRK_DONE;
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

int32_t tt_wordbreak_set_utf8(tt_wordbreak *wb, const char *text, int32_t len) {
    UErrorCode st = U_ZERO_ERROR;
    wb->ut = utext_openUTF8(wb->ut, text, len, &st);
    if (U_FAILURE(st)) { wb->position = UBRK_DONE; return -1; }
    ubrk_setUText(wb->bi, wb->ut, &st);
    if (U_FAILURE(st)) { wb->position = UBRK_DONE; return -1; }
    wb->position = ubrk_first(wb->bi);
    return 0;
}

int32_t tt_wordbreak_next(tt_wordbreak *wb, int32_t *starts, int32_t *ends, int32_t *kinds, int32_t cap) {
    int32_t count = 0;
    int32_t start = wb->position;
    if (start == UBRK_DONE) return 0;
    while (count < cap) {
        int32_t end = ubrk_next(wb->bi);
        if (end == UBRK_DONE) { start = UBRK_DONE; break; }
        int32_t status = ubrk_getRuleStatus(wb->bi);
        if (status >= UBRK_WORD_NONE_LIMIT) {
            starts[count] = start;
            ends[count] = end;
            if (status < UBRK_WORD_NUMBER_LIMIT) kinds[count] = TT_WORD_NUMBER;
            else if (status < UBRK_WORD_LETTER_LIMIT) kinds[count] = TT_WORD_LETTER;
            else if (status < UBRK_WORD_KANA_LIMIT) kinds[count] = TT_WORD_KANA;
            else kinds[count] = TT_WORD_IDEO;
            count++;
        }
        start = end;
    }
    wb->position = start;
    return count;
}
