/* planconv serve's whole request path: each input is sent, as raw bytes,
 * as an HTTP request to a server running in this process on a loopback
 * port (libmicrohttpd's parsing, the multipart reader, the parameters,
 * the upload to an anonymous file, the workers and the pipeline). The
 * server must answer with an HTTP status line or close the connection,
 * never answer 500 for what a client sent, and keep serving. */
#include "fuzz.h"

#include "serve.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

/* One server for the whole run (libFuzzer calls the target in a loop). */
static struct pc_server srv;
static struct MHD_Daemon *daemon_;
static unsigned port;

/* the private folder goes with the server, as at the end of planconv serve */
static void stop_server(void)
{
    pc_serve_close(&srv, daemon_);
    pc_serve_free(&srv);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    if (!pc_serve_init(&srv)) fuzz_fail("pc_serve_init");
    srv.max_upload = 1u << 20;
    srv.timeout = 2;
    signal(SIGPIPE, SIG_IGN);
    if (!(daemon_ = pc_serve_open(&srv, "127.0.0.1", 0, &port))) fuzz_fail("pc_serve_open");
    atexit(stop_server);
    return 0;
}

static int connect_server(void)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval tv = {.tv_sec = 10};
    if (fd < 0) fuzz_fail("socket");
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&a, sizeof a)) fuzz_fail("the server does not accept connections");
    return fd;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = connect_server();
    for (size_t done = 0; done < size;) {
        ssize_t k = send(fd, data + done, size - done, MSG_NOSIGNAL);
        if (k <= 0) break; /* the server may close early, on a refused request */
        done += (size_t)k;
    }
    shutdown(fd, SHUT_WR);
    char head[16] = {0};
    size_t got = 0;
    while (got < sizeof head - 1) {
        ssize_t k = recv(fd, head + got, sizeof head - 1 - got, 0);
        if (k <= 0) break;
        got += (size_t)k;
    }
    char rest[4096];
    while (recv(fd, rest, sizeof rest, 0) > 0) {}
    close(fd);
    if (got > 0 && got < 12) fuzz_fail("a response cut inside its status line");
    if (got >= 12 && strncmp(head, "HTTP/1.", 7)) fuzz_fail("a response without a status line");
    if (got >= 12 && !strncmp(head + 9, "500", 3)) fuzz_fail("500 for a client's request");
    return 0;
}
