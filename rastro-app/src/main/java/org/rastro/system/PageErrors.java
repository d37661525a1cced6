package org.rastro.system;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Errors on pages: the same codes as the API, shown as a page a person can act on. */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

    @ExceptionHandler(RastroException.class)
    String rastro(RastroException e, Model model, HttpServletResponse response) {
        response.setStatus(e.code().status());
        model.addAttribute("status", e.code().status());
        model.addAttribute("message", e.getMessage());
        return "error";
    }
}
