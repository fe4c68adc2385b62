/* csvbatch.c - batches of parsed survey rows and the queue that passes
 * them between the importer's threads. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "csvbatch.h"
#include "xalloc.h"

static struct csvbatch *csvbatch_new(void)
{
	struct csvbatch *b = xcalloc(1, sizeof *b);
	b->cap = CSVBATCH_BYTES + (CSVBATCH_BYTES >> 2);
	b->arena = xmalloc(b->cap);
	b->rowcap = CSVBATCH_ROWS;
	b->rows = xcalloc((size_t)b->rowcap, sizeof *b->rows);
	b->textcap = CSVBATCH_ROWS * 4;
	b->texts = xcalloc((size_t)b->textcap, sizeof *b->texts);
	return b;
}

static void csvbatch_free(struct csvbatch *b)
{
	if (!b)
		return;
	free(b->arena);
	free(b->rows);
	free(b->texts);
	free(b);
}

void csvbatch_queue_init(struct csvbatch_queue *q, int consumers)
{
	memset(q, 0, sizeof *q);
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->cv, NULL);
	q->consumers = consumers;
	for (int i = 0; i < CSVBATCH_COUNT; i++) {
		struct csvbatch *b = csvbatch_new();
		b->next_free = q->free_list;
		q->free_list = b;
	}
}

/* Frees the batches; every thread has stopped, so each is on the free list. */
void csvbatch_queue_destroy(struct csvbatch_queue *q)
{
	for (struct csvbatch *b = q->free_list, *n; b; b = n) {
		n = b->next_free;
		csvbatch_free(b);
	}
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->cv);
}

/* Reader: takes an empty batch, waiting for one; NULL when cancelled. */
struct csvbatch *csvbatch_queue_take_free(struct csvbatch_queue *q)
{
	pthread_mutex_lock(&q->mu);
	while (!q->free_list && !q->cancel)
		pthread_cond_wait(&q->cv, &q->mu);
	struct csvbatch *b = q->cancel ? NULL : q->free_list;
	if (b)
		q->free_list = b->next_free;
	pthread_mutex_unlock(&q->mu);
	if (b) {
		b->used = 0;
		b->nrows = b->ntexts = 0;
	}
	return b;
}

/* Gives a batch back to the free list (q->mu held). */
static void csvbatch_queue_free_locked(struct csvbatch_queue *q, struct csvbatch *b)
{
	b->next_free = q->free_list;
	q->free_list = b;
	pthread_cond_broadcast(&q->cv);
}

/* Reader: hands a full batch to every consumer. */
void csvbatch_queue_put_full(struct csvbatch_queue *q, struct csvbatch *b)
{
	pthread_mutex_lock(&q->mu);
	b->refs = q->consumers;
	for (int c = 0; c < q->consumers; c++) {
		b->next[c] = NULL;
		if (q->tail[c])
			q->tail[c]->next[c] = b;
		else
			q->full[c] = b;
		q->tail[c] = b;
	}
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
}

/* Reader: gives back a batch no consumer has seen. */
void csvbatch_queue_put_free(struct csvbatch_queue *q, struct csvbatch *b)
{
	pthread_mutex_lock(&q->mu);
	csvbatch_queue_free_locked(q, b);
	pthread_mutex_unlock(&q->mu);
}

/* Consumer c: takes its next full batch; NULL once the reader is done. */
struct csvbatch *csvbatch_queue_take_full(struct csvbatch_queue *q, int c)
{
	pthread_mutex_lock(&q->mu);
	while (!q->full[c] && !q->reader_done)
		pthread_cond_wait(&q->cv, &q->mu);
	struct csvbatch *b = q->full[c];
	if (b) {
		q->full[c] = b->next[c];
		if (!q->full[c])
			q->tail[c] = NULL;
	}
	pthread_mutex_unlock(&q->mu);
	return b;
}

/* Consumer: is done with a batch; the last one frees it. */
void csvbatch_queue_release(struct csvbatch_queue *q, struct csvbatch *b)
{
	pthread_mutex_lock(&q->mu);
	if (--b->refs == 0)
		csvbatch_queue_free_locked(q, b);
	pthread_mutex_unlock(&q->mu);
}

void csvbatch_queue_set(struct csvbatch_queue *q, bool *flag)
{
	pthread_mutex_lock(&q->mu);
	*flag = true;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
}
