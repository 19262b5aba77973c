/*
 * slow.c - the slow pool: threads of their own for the routes that may
 * take long (fitting the model, planning, loading the walking graph,
 * building the street layer). libmicrohttpd binds each connection to one
 * pool thread, so a handler that blocks its thread stalls every other
 * connection of that thread too, feeds and pages included; a semaphore
 * on the slow routes would not help, since the request that waits for it
 * still holds its thread. Instead the connection is suspended, the job
 * queued here, and the pool thread is free at once. A slow thread runs
 * the handler with its own store; what the handler queues is kept in the
 * job (web__queue) and the connection resumed; libmicrohttpd then calls
 * the dispatcher again on the connection's own thread, which queues it.
 * The handler reads the request (arguments, headers, body) but never
 * writes the connection: libmicrohttpd leaves a suspended connection alone.
 */
#include "web/web_int.h"
#include "util/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct web__job {
	struct web_req r;
	web_handler fn;
	struct MHD_Response *resp;	/* the answer, NULL until queued */
	unsigned status;
	int own;			/* resp is the job's to destroy */
	struct web__job *next;
};

struct web__slow {
	struct web_server *w;
	pthread_mutex_t mu;
	pthread_cond_t work;
	struct web__job *head, *tail;
	int stop, n;
	pthread_t th[];
};

static void run(struct web__slow *p, struct web__job *j)
{
	j->r.s = web__store(p->w);
	if (j->r.s)
		j->fn(&j->r);
	if (!j->resp)	/* no store, or the handler queued nothing */
		web__queue(&j->r, MHD_HTTP_INTERNAL_SERVER_ERROR, p->w->server_error, 0);
	MHD_resume_connection(j->r.c);
}

static void *worker(void *arg)
{
	struct web__slow *p = arg;
	struct web__job *j;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (!p->head && !p->stop)
			pthread_cond_wait(&p->work, &p->mu);
		j = p->head;
		if (j && !(p->head = j->next))
			p->tail = NULL;
		pthread_mutex_unlock(&p->mu);
		if (!j)
			return NULL;	/* stopping and the queue is empty */
		run(p, j);
	}
}

struct web__slow *web__slow_new(struct web_server *w, int threads)
{
	struct web__slow *p = xcalloc(1, sizeof *p + (size_t)threads * sizeof p->th[0]);

	p->w = w;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	for (; p->n < threads; p->n++)
		if (pthread_create(&p->th[p->n], NULL, worker, p))
			break;
	return p;
}

void web__slow_stop(struct web__slow *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (int i = 0; i < p->n; i++)
		pthread_join(p->th[i], NULL);
	p->n = 0;
}

void web__slow_free(struct web__slow *p)
{
	if (!p)
		return;
	web__slow_stop(p);
	pthread_cond_destroy(&p->work);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

int web__slow_submit(struct web_req *r, web_handler fn, struct web__job **out)
{
	struct web__slow *p = r->w->slow;
	struct web__job *j;
	int rc = -1;

	pthread_mutex_lock(&p->mu);
	if (!p->stop && p->n > 0) {
		j = xcalloc(1, sizeof *j);
		j->r = *r;
		for (int i = 0; i < 4; i++)	/* the copy's own '*' segments */
			if (r->arg[i])
				j->r.arg[i] = j->r.argbuf[i];
		if (r->link_token)
			j->r.link_token = j->r.arg[0];
		j->r.job = j;
		j->fn = fn;
		MHD_suspend_connection(r->c);
		if (p->tail)
			p->tail->next = j;
		else
			p->head = j;
		p->tail = j;
		pthread_cond_signal(&p->work);
		*out = j;
		rc = 0;
	}
	pthread_mutex_unlock(&p->mu);
	return rc;
}

enum MHD_Result web__slow_answer(struct web__job *j)
{
	enum MHD_Result rc = MHD_NO;

	if (j->resp) {
		rc = MHD_queue_response(j->r.c, j->status, j->resp);
		if (j->own)
			MHD_destroy_response(j->resp);
		j->resp = NULL;
	}
	return rc;
}

void web__slow_job_free(struct web__job *j)
{
	if (j && j->resp && j->own)
		MHD_destroy_response(j->resp);
	free(j);
}

enum MHD_Result web__queue(struct web_req *r, unsigned status, struct MHD_Response *resp,
			   int own)
{
	struct web__job *j = r->job;
	enum MHD_Result rc;

	if (!j) {
		rc = MHD_queue_response(r->c, status, resp);
		if (own)
			MHD_destroy_response(resp);
		return rc;
	}
	if (j->resp) {	/* like MHD: one answer per request */
		if (own)
			MHD_destroy_response(resp);
		return MHD_NO;
	}
	j->resp = resp;
	j->status = status;
	j->own = own;
	return MHD_YES;
}
