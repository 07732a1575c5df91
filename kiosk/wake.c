/*
 * evdev watcher for the kmsdrm video driver.
 *
 * Every open of an evdev node gets its own copy of the events, so this
 * thread can read and drop its copy while SDL reads its own when the UI
 * thread pumps. New devices (a touch controller that resets, a keyboard
 * plugged in by a technician) are picked up through inotify. Stopped
 * through an eventfd. Thread: its own; touches only the semaphore in post.
 */
#include "wake.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#define MAX_DEVICES 32

struct wake {
	pthread_t thread;
	int stop_fd, inotify_fd;
	int dev[MAX_DEVICES];
	char name[MAX_DEVICES][32];
	int ndev;
	struct post *post;
};

static void add_device(struct wake *w, const char *name)
{
	if (strncmp(name, "event", 5) != 0 || strlen(name) >= sizeof(w->name[0]) || w->ndev == MAX_DEVICES)
		return;
	for (int i = 0; i < w->ndev; i++) {
		if (strcmp(w->name[i], name) == 0)
			return;
	}
	char path[300];
	snprintf(path, sizeof(path), "/dev/input/%s", name);
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return; /* not ours to read (the kiosk user is in group input on the board) */
	w->dev[w->ndev] = fd;
	memcpy(w->name[w->ndev], name, strlen(name) + 1);
	w->ndev++;
}

static void drop_device(struct wake *w, int i)
{
	close(w->dev[i]);
	w->ndev--;
	w->dev[i] = w->dev[w->ndev];
	memcpy(w->name[i], w->name[w->ndev], sizeof(w->name[0]));
}

static void scan(struct wake *w)
{
	DIR *d = opendir("/dev/input");
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		add_device(w, e->d_name);
	closedir(d);
}

static void *run(void *arg)
{
	struct wake *w = arg;
	struct pollfd pfd[MAX_DEVICES + 2];
	char buf[4096];
	for (;;) {
		int n = 0;
		pfd[n++] = (struct pollfd){.fd = w->stop_fd, .events = POLLIN};
		pfd[n++] = (struct pollfd){.fd = w->inotify_fd, .events = POLLIN};
		for (int i = 0; i < w->ndev; i++)
			pfd[n++] = (struct pollfd){.fd = w->dev[i], .events = POLLIN};
		if (poll(pfd, (nfds_t)n, -1) < 0)
			continue;
		if (pfd[0].revents)
			break;
		if (pfd[1].revents & POLLIN) {
			while (read(w->inotify_fd, buf, sizeof(buf)) > 0)
				;
			scan(w);
		}
		bool input = false;
		for (int i = w->ndev - 1; i >= 0; i--) {
			short re = pfd[2 + i].revents;
			if (re & (POLLERR | POLLHUP | POLLNVAL)) {
				drop_device(w, i); /* unplugged */
				continue;
			}
			if (re & POLLIN) {
				while (read(w->dev[i], buf, sizeof(buf)) > 0)
					;
				input = true;
			}
		}
		if (input)
			SDL_SemPost(w->post->wake);
	}
	return NULL;
}

struct wake *wake_start(struct post *post)
{
	const char *d = SDL_GetCurrentVideoDriver();
	if (!d || strcmp(d, "kmsdrm") != 0)
		return NULL;
	struct wake *w = calloc(1, sizeof(*w));
	if (!w)
		return NULL;
	w->post = post;
	w->stop_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	w->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->stop_fd < 0 || w->inotify_fd < 0 ||
	    inotify_add_watch(w->inotify_fd, "/dev/input", IN_CREATE | IN_ATTRIB) < 0) {
		fprintf(stderr, "kiosk: cannot watch /dev/input; touches will be noticed late\n");
	}
	scan(w);
	if (pthread_create(&w->thread, NULL, run, w) != 0) {
		wake_stop(w);
		return NULL;
	}
	return w;
}

void wake_stop(struct wake *w)
{
	if (!w)
		return;
	if (w->thread) {
		uint64_t one = 1;
		if (write(w->stop_fd, &one, sizeof(one)) == sizeof(one))
			pthread_join(w->thread, NULL);
	}
	for (int i = 0; i < w->ndev; i++)
		close(w->dev[i]);
	if (w->stop_fd >= 0)
		close(w->stop_fd);
	if (w->inotify_fd >= 0)
		close(w->inotify_fd);
	free(w);
}
