package dev.snapshotstore.examples.springboot;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.snapshotstore.rehydration.WrongExpectedVersionException;

/** {@code POST /orders}, {@code POST /orders/{id}/lines}, {@code GET /orders/{id}}. */
@RestController
@RequestMapping("/orders")
public class OrderController {

  private final OrderService service;

  public OrderController(OrderService service) {
    this.service = service;
  }

  public record NewOrder(String customer) {}

  public record NewLine(String sku, int quantity, long unitPriceCents) {}

  @PostMapping
  public ResponseEntity<OrderService.OrderView> create(@RequestBody NewOrder order) {
    return ResponseEntity.status(HttpStatus.CREATED).body(service.create(order.customer()));
  }

  @PostMapping("/{id}/lines")
  public OrderService.OrderView addLine(@PathVariable String id, @RequestBody NewLine line) {
    return service.addLine(id, line.sku(), line.quantity(), line.unitPriceCents());
  }

  @GetMapping("/{id}")
  public OrderService.OrderView get(@PathVariable String id) {
    return service.get(id);
  }

  @ExceptionHandler(OrderService.OrderNotFoundException.class)
  ResponseEntity<Map<String, String>> notFound(OrderService.OrderNotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
  }

  @ExceptionHandler(WrongExpectedVersionException.class)
  ResponseEntity<Map<String, String>> conflict(WrongExpectedVersionException e) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", "the order changed meanwhile; retry"));
  }
}
