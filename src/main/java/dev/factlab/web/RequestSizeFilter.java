package dev.factlab.web;

import java.io.IOException;

import dev.factlab.errors.LimitExceededException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects request bodies over {@code factlab.web.max-request-bytes} with 413: at once
 * when Content-Length says so, and while reading when a chunked body grows past it, so no
 * request can fill the heap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeFilter extends OncePerRequestFilter {

	static final String KEY = "factlab.web.max-request-bytes";

	private final long maxBytes;

	private final ProblemWriter problems;

	RequestSizeFilter(WebLimits limits, ProblemWriter problems) {
		this.maxBytes = limits.maxRequestBytes().toBytes();
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			// the body is never read: close the connection rather than swallow it
			response.setHeader(HttpHeaders.CONNECTION, "close");
			problems.write(response,
					Problems.at(DomainProblems.toProblem(tooLarge(maxBytes, declared)), request.getRequestURI()), null);
			return;
		}
		chain.doFilter(declared >= 0 ? request : new Counted(request, maxBytes), response);
	}

	static LimitExceededException tooLarge(long maxBytes, long requested) {
		return new LimitExceededException("request body (" + KEY + ")", maxBytes, requested, "bytes");
	}

	/**
	 * A request whose body stream throws a {@link LimitExceededException} once it passes
	 * the limit.
	 */
	private static final class Counted extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		Counted(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new CountingStream(super.getInputStream(), maxBytes);
			}
			return stream;
		}

	}

	private static final class CountingStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long maxBytes;

		private long count;

		CountingStream(ServletInputStream in, long maxBytes) {
			this.in = in;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = in.read();
			if (b >= 0) {
				add(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = in.read(buffer, offset, length);
			if (n > 0) {
				add(n);
			}
			return n;
		}

		private void add(int n) {
			count += n;
			if (count > maxBytes) {
				throw tooLarge(maxBytes, count);
			}
		}

		@Override
		public boolean isFinished() {
			return in.isFinished();
		}

		@Override
		public boolean isReady() {
			return in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			in.setReadListener(listener);
		}

	}

}
