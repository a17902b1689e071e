// SPDX-License-Identifier: MIT
#include "ChildProcess.h"

#include <QElapsedTimer>
#include <QProcessEnvironment>

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <vector>

namespace tl::test {

namespace {

std::vector<char*> pointersTo(std::vector<std::string>& strings) {
    std::vector<char*> pointers;
    for (auto& text : strings) {
        pointers.push_back(text.data());
    }
    pointers.push_back(nullptr);
    return pointers;
}

}  // namespace

QString ChildResult::describe() const {
    QString how = timedOut      ? QStringLiteral("timed out")
                  : signal != 0 ? QStringLiteral("killed by signal %1").arg(signal)
                                : QStringLiteral("exit %1").arg(exitCode);
    return QStringLiteral("%1 after %2 s, peak %3 MB; stderr: %4")
        .arg(how)
        .arg(seconds, 0, 'f', 1)
        .arg(peakRssKb / 1024)
        .arg(QString::fromUtf8(err.right(2000)));
}

ChildResult runChild(const QString& program, const QStringList& args, const ChildOptions& options) {
    // Everything the child needs is prepared before fork(): after it, only async-signal-safe
    // calls (this process has threads).
    std::vector<std::string> argv{program.toStdString()};
    for (const QString& arg : args) {
        argv.push_back(arg.toStdString());
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& assignment : options.environment) {
        env.insert(assignment.section('=', 0, 0), assignment.section('=', 1));
    }
    std::vector<std::string> envp;
    for (const QString& assignment : env.toStringList()) {
        envp.push_back(assignment.toStdString());
    }
    std::vector<char*> argvPointers = pointersTo(argv);
    std::vector<char*> envPointers = pointersTo(envp);

    ChildResult result;
    int outPipe[2];
    int errPipe[2];
    if (pipe2(outPipe, O_CLOEXEC) != 0 || pipe2(errPipe, O_CLOEXEC) != 0) {
        result.err = "pipe() failed";
        return result;
    }
    QElapsedTimer clock;
    clock.start();
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(outPipe[1], STDOUT_FILENO);
        dup2(errPipe[1], STDERR_FILENO);
        if (options.addressSpaceBytes > 0 && !kSanitized) {
            const rlimit limit{rlim_t(options.addressSpaceBytes),
                               rlim_t(options.addressSpaceBytes)};
            setrlimit(RLIMIT_AS, &limit);
        }
        if (geteuid() == 0 && options.uid >= 0) {
            const gid_t gid = gid_t(options.gid >= 0 ? options.gid : options.uid);
            if (setgroups(0, nullptr) != 0 || setgid(gid) != 0 || setuid(uid_t(options.uid)) != 0) {
                _exit(126);
            }
        }
        execve(argvPointers[0], argvPointers.data(), envPointers.data());
        _exit(127);
    }
    close(outPipe[1]);
    close(errPipe[1]);
    if (pid < 0) {
        close(outPipe[0]);
        close(errPipe[0]);
        result.err = "fork() failed";
        return result;
    }
    pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
    int open = 2;
    char buffer[65536];
    while (open > 0) {
        const qint64 left = options.timeoutMs - clock.elapsed();
        if (left <= 0) {
            result.timedOut = true;
            kill(pid, SIGKILL);
            break;
        }
        if (poll(fds, 2, int(std::min<qint64>(left, 1000))) < 0 && errno != EINTR) {
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
                continue;
            }
            const ssize_t got = read(fds[i].fd, buffer, sizeof buffer);
            if (got > 0) {
                (i == 0 ? result.out : result.err).append(buffer, qsizetype(got));
            } else if (got == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }
    for (auto& fd : fds) {
        if (fd.fd >= 0) {
            close(fd.fd);
        }
    }
    int status = 0;
    rusage usage{};
    // A child that closed its output but keeps running is still bound by the deadline.
    while (true) {
        const pid_t done = wait4(pid, &status, WNOHANG, &usage);
        if (done == pid) {
            break;
        }
        if (done < 0 && errno != EINTR) {
            break;
        }
        if (clock.elapsed() > options.timeoutMs && !result.timedOut) {
            result.timedOut = true;
            kill(pid, SIGKILL);
        }
        usleep(10000);
    }
    result.seconds = clock.elapsed() / 1000.0;
    result.peakRssKb = usage.ru_maxrss;
    if (WIFEXITED(status)) {
        result.exitCode = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status) && !result.timedOut) {
        result.signal = WTERMSIG(status);
    }
    return result;
}

}  // namespace tl::test
