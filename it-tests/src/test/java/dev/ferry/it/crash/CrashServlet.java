package dev.ferry.it.crash;

import jakarta.ejb.EJB;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** {@code GET /crash/send?queue=...&text=...}: never answers, the server halts while committing. */
@WebServlet("/send")
public class CrashServlet extends HttpServlet {

    @EJB
    private CrashingSender sender;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        try {
            sender.sendThenHaltAtCommit(request.getParameter("queue"), request.getParameter("text"));
        } catch (Exception e) {
            throw new ServletException(e);
        }
        response.getWriter().print("committed without halting");
    }
}
