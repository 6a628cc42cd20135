package dev.factlab.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
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

	private final long maxBytes;

	RequestSizeFilter(WebLimits limits) {
		this.maxBytes = limits.maxRequestBytes().toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			ApiException problem = ApiException.tooLarge("request body (factlab.web.max-request-bytes)", maxBytes,
					declared, "bytes");
			response.setStatus(413);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setHeader("Connection", "close");
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"Request too large\",\"status\":413,\"detail\":\""
						+ problem.getMessage() + "\",\"instance\":\"" + request.getRequestURI().replace("\"", "%22")
						+ "\",\"limit\":" + maxBytes + ",\"requested\":" + declared + ",\"unit\":\"bytes\"}");
			return;
		}
		chain.doFilter(declared >= 0 ? request : new Counted(request, maxBytes), response);
	}

	/**
	 * A request whose body stream throws a 413 {@link ApiException} once it passes the
	 * limit.
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
				throw ApiException.tooLarge("request body (factlab.web.max-request-bytes)", maxBytes, count, "bytes");
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
